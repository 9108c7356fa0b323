'use client';

import { ActionOutcome } from '@/components/forms/outcome';
import { startTransition, useActionState, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ConfirmButtons, useConfirm } from '@/components/forms/confirm';
import { SelectField } from '@/components/forms/fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { Field, inputClass } from '@/components/ui/field';
import type { UserActionState } from '@/lib/validation/admin-user';
import { PasswordChoice } from './user-password-choice';
import { ROLE_OPTIONS, roleWithArticle } from './user-roles';
import { SecretReveal } from './user-secret';

type Action = (state: UserActionState, formData: FormData) => Promise<UserActionState>;
type Account = { id: string; name: string; email: string; role: string; banned: boolean };

const INITIAL: UserActionState = { ok: true };

/** A result next to the control that produced it: a confirmation, a refusal or a conflict. */
/**
 * An account's controls on its admin page: role, access (disable/enable, with
 * a confirmation) and password reset. They share the account's version, so
 * one admin's own changes follow each other while a second admin's change in
 * between is a conflict, with the account as it now stands.
 */
export function UserControls({
  account: initialAccount,
  version: initialVersion,
  isSelf,
  changeRoleAction,
  disableAction,
  enableAction,
  resetPasswordAction,
}: {
  account: Account;
  version: string;
  isSelf: boolean;
  changeRoleAction: Action;
  disableAction: Action;
  enableAction: Action;
  resetPasswordAction: Action;
}) {
  const [account, setAccount] = useState(initialAccount);
  const [version, setVersion] = useState(initialVersion);
  const [role, setRole] = useState(initialAccount.role);
  const { confirming, setConfirming, confirmRef } = useConfirm();
  const [resetKey, setResetKey] = useState(0);

  /** Every answer carries the account's version and state: after a change, and after a conflict too. */
  function tracked(action: Action): Action {
    return async (previous, formData) => {
      const result = await action(previous, formData);
      if (result.version) setVersion(result.version);
      if (result.user) setAccount(result.user);
      return result;
    };
  }

  const [roleState, submitRole, changingRole] = useActionState(tracked(changeRoleAction), INITIAL);
  const [accessState, submitAccess, changingAccess] = useActionState<UserActionState, FormData>(
    async (previous, formData) => {
      const result = await tracked(account.banned ? enableAction : disableAction)(previous, formData);
      setConfirming(false);
      return result;
    },
    INITIAL,
  );
  const [resetState, submitReset, resetting] = useActionState<UserActionState, FormData>(async (previous, formData) => {
    const result = await tracked(resetPasswordAction)(previous, formData);
    if (result.ok) setResetKey((key) => key + 1);
    return result;
  }, INITIAL);

  function submit(event: React.FormEvent<HTMLFormElement>, dispatch: (formData: FormData) => void) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    formData.set('version', version);
    startTransition(() => dispatch(formData));
  }

  const you = isSelf ? ' (you)' : '';
  const accessLabel = account.banned ? `Enable ${account.name}` : `Disable ${account.name}`;
  return (
    <div className="space-y-10">
      <section aria-labelledby="role-title">
        <h2 id="role-title" className="text-xl font-semibold">
          Role
        </h2>
        <p className="text-muted mt-1 text-sm">
          {account.name}
          {you} is {roleWithArticle(account.role)}:{' '}
          {ROLE_OPTIONS.find((option) => option.value === account.role)?.about}.
        </p>
        <form onSubmit={(e) => submit(e, submitRole)} className="mt-4 flex max-w-md flex-wrap items-end gap-3">
          <SelectField
            id="role"
            label="New role"
            error={roleState.ok ? undefined : roleState.fieldErrors?.role}
            className="grow"
            name="role"
            value={role}
            onValueChange={setRole}
            options={ROLE_OPTIONS.map(({ value, label }) => ({ value, label }))}
          />
          <SubmitButton pending={changingRole} pendingLabel="Changing…">
            Change role
          </SubmitButton>
        </form>
        <ActionOutcome state={roleState} id="role-outcome" focusOnSuccess />
      </section>

      <section aria-labelledby="access-title">
        <h2 id="access-title" className="text-xl font-semibold">
          Access
        </h2>
        <p className="mt-1 text-sm">
          {account.banned ? (
            <>
              <strong>Disabled.</strong> {account.name} cannot sign in and their API tokens are refused.
            </>
          ) : (
            <>
              <strong>Enabled.</strong> Disabling signs {account.name}
              {you} out everywhere at once and refuses their API tokens until enabled again.
            </>
          )}
        </p>
        {!confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} mt-4`}>
            {account.banned ? 'Enable account…' : 'Disable account…'}
          </button>
        ) : (
          <form
            onSubmit={(e) => submit(e, submitAccess)}
            aria-labelledby="confirm-access-title"
            className="border-rule mt-4 max-w-xl space-y-4 rounded-md border px-4 py-4 sm:px-5"
          >
            <h3 id="confirm-access-title" className="font-semibold">
              {account.banned ? `Enable ${account.name}?` : `Disable ${account.name}${you}?`}
            </h3>
            {!account.banned && (
              <Field id="reason" label="Reason" optional hint="Kept on the account and in the audit log.">
                {(props) => <input {...props} name="reason" maxLength={300} className={inputClass} />}
              </Field>
            )}
            <div className="flex flex-wrap gap-3">
              <ConfirmButtons
                confirmRef={confirmRef}
                onCancel={() => setConfirming(false)}
                pending={changingAccess}
                label={accessLabel}
                pendingLabel={accessLabel}
                className={account.banned ? buttonClass.primary : buttonClass.danger}
              />
            </div>
          </form>
        )}
        <ActionOutcome state={accessState} id="access-outcome" focusOnSuccess />
      </section>

      <section aria-labelledby="reset-title">
        <h2 id="reset-title" className="text-xl font-semibold">
          Reset password
        </h2>
        <p className="text-muted mt-1 text-sm">
          Sets a new temporary password and signs {account.name} out everywhere. Their API tokens keep working.
        </p>
        <form key={resetKey} onSubmit={(e) => submit(e, submitReset)} noValidate className="mt-4 max-w-md space-y-4">
          <PasswordChoice
            idPrefix="reset"
            legend="New password"
            errors={resetState.ok ? undefined : resetState.fieldErrors}
          />
          <SubmitButton pending={resetting} pendingLabel="Resetting…">
            Reset password
          </SubmitButton>
        </form>
        <ActionOutcome state={resetState} id="reset-outcome" focusOnSuccess />
        {resetState.ok && resetState.password && (
          <SecretReveal
            id="reset-password-value"
            label="New temporary password"
            value={resetState.password}
            note="Shown only now. Pass it on privately; they can change it on their account page."
          />
        )}
      </section>
    </div>
  );
}
