'use client';

import { ActionOutcome } from '@/components/forms/outcome';
import { startTransition, useActionState, useState } from 'react';
import { formatMoment } from '@/components/admin/user-roles';
import { SecretReveal } from '@/components/admin/user-secret';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { MAX_TOKEN_DAYS, type ApiTokenActionState } from '@/lib/validation/admin-user';

type Action = (state: ApiTokenActionState, formData: FormData) => Promise<ApiTokenActionState>;
type RevokeAction = (tokenId: string, state: ApiTokenActionState, formData: FormData) => Promise<ApiTokenActionState>;

/** A token as the account page lists it (dates as ISO strings). */
export type OwnToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

const INITIAL: ApiTokenActionState = { ok: true };

function status(token: OwnToken): { label: string; live: boolean } {
  if (token.revokedAt) return { label: `Revoked ${formatMoment(token.revokedAt)}`, live: false };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) {
    return { label: `Expired ${formatMoment(token.expiresAt)}`, live: false };
  }
  return { label: token.expiresAt ? `Expires ${formatMoment(token.expiresAt)}` : 'Never expires', live: true };
}

function TokenRow({ token, revokeAction }: { token: OwnToken; revokeAction: RevokeAction }) {
  const [confirming, setConfirming] = useState(false);
  const [state, revoke, revoking] = useActionState(revokeAction.bind(null, token.id), INITIAL);
  const { label, live } = status(token);
  return (
    <li className="border-rule border-b py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <span className="font-medium break-words">{token.name}</span>{' '}
          <code className="text-muted font-mono text-sm">{token.prefix}…</code>
          <p className="text-muted mt-0.5 text-sm">
            Made {formatMoment(token.createdAt)} · last used {formatMoment(token.lastUsedAt)} ·{' '}
            <span className={live ? '' : 'text-silence font-medium'}>{label}</span>
          </p>
        </div>
        {live && !confirming && (
          <button type="button" onClick={() => setConfirming(true)} className={buttonClass.secondary}>
            Revoke…
          </button>
        )}
        {live && confirming && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              startTransition(() => revoke(new FormData()));
            }}
            className="flex flex-wrap items-center gap-2"
          >
            <span className="text-sm">Scripts using it stop working at once.</span>
            <button
              type="submit"
              disabled={revoking}
              className={buttonClass.danger}
              aria-label={`Revoke ${token.name}`}
            >
              Revoke now
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={buttonClass.secondary}>
              Keep it
            </button>
          </form>
        )}
      </div>
      <ActionOutcome state={state} />
    </li>
  );
}

/**
 * The account page's API tokens: the user's own, listed without secrets; a
 * new one is shown once with a copy button and an example request.
 */
export function ApiTokens({
  tokens,
  createAction,
  revokeAction,
}: {
  tokens: OwnToken[];
  /** Absent for a role that may not write: tokens serve the write API only. */
  createAction?: Action;
  revokeAction: RevokeAction;
}) {
  const [state, create, creating] = useActionState(createAction ?? (async () => INITIAL), INITIAL);
  const created = state.ok ? state.created : undefined;
  const errors = state.ok ? undefined : state.fieldErrors;

  return (
    <div className="space-y-8">
      {createAction && (
        <div>
          <h3 className="font-semibold">New token</h3>
          <form
            // A made token empties the form for the next one; a refused one keeps what was typed.
            key={state.ok ? (state.created?.id ?? 'new') : 'new'}
            onSubmit={(event) => {
              event.preventDefault();
              const formData = new FormData(event.currentTarget);
              startTransition(() => create(formData));
            }}
            noValidate
            className="mt-3 flex max-w-2xl flex-wrap items-start gap-x-4 gap-y-4"
          >
            <Field
              id="token-name"
              label="Label"
              hint="What uses it, e.g. “import script”."
              error={errors?.name}
              className="min-w-0 grow basis-56"
            >
              {(props) => (
                <input
                  {...props}
                  name="name"
                  maxLength={100}
                  defaultValue={state.values?.name}
                  className={inputClass}
                />
              )}
            </Field>
            <Field
              id="token-expiry"
              label="Expires after (days)"
              hint="Empty: until revoked."
              optional
              error={errors?.expiresInDays}
              className="min-w-0 grow basis-40"
            >
              {(props) => (
                <input
                  {...props}
                  name="expiresInDays"
                  inputMode="numeric"
                  min={1}
                  max={MAX_TOKEN_DAYS}
                  defaultValue={state.values?.expiresInDays}
                  className={inputClass}
                />
              )}
            </Field>
            <button
              type="submit"
              disabled={creating}
              className={`${buttonClass.primary} basis-full sm:basis-auto sm:self-end`}
            >
              {creating ? 'Making…' : 'Make a token'}
            </button>
          </form>
          {!state.ok && <ActionOutcome state={state} />}
          {created && (
            <div
              role="status"
              className="mt-4 rounded-md border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-4 sm:px-5"
            >
              <p className="font-semibold">{state.message}</p>
              <SecretReveal id="new-token" label={`Token “${created.name}”`} value={created.token} />
              <p className="mt-3 text-sm font-medium">Log a contact with it:</p>
              <pre className="bg-paper border-rule mt-1.5 rounded border px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap">
                {`curl -X POST -H "Authorization: Bearer ${created.token}" -H "Content-Type: application/json" -d @contact.json ${
                  typeof window === 'undefined' ? '' : window.location.origin
                }/api/v1/contacts`}
              </pre>
              <p className="text-muted mt-1.5 text-sm">
                The body is described on the <a href="/api-docs">API page</a>.
              </p>
            </div>
          )}
        </div>
      )}

      <div>
        <h3 className="font-semibold">Your tokens</h3>
        {tokens.length === 0 ? (
          <p className="text-muted mt-1 text-sm">You have no API tokens.</p>
        ) : (
          <ul className="mt-1">
            {tokens.map((token) => (
              <TokenRow key={token.id} token={token} revokeAction={revokeAction} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
