import type { Metadata } from 'next';
import { Fragment } from 'react';
import { ApiReference } from '@/components/api-docs/api-reference';
import { openApiDocument, operationsOf, type HttpMethod, type OpenApiOperation } from '@/lib/api/openapi';
import { can, ROLES } from '@/lib/auth/permissions';
import { ploverTableRows } from '@/lib/export/plover';
import { CONTACT_TYPES } from '@/lib/validation/contact';

export const metadata: Metadata = {
  title: 'API',
  description:
    'The Counterpart API: read officials, contacts, gaps, exports and feeds; log and edit contacts with an API token. With examples.',
};

const doc = openApiDocument;
// Tailwind's preflight takes the underline off links; in running text a link must look like one.
const LINK = 'underline decoration-history hover:decoration-ink';
const endpoints = operationsOf(doc);
const writes = endpoints.filter(({ operation }) => operation['x-permission'] !== undefined);

/** Where the reference below shows an operation: the id Swagger UI gives it under its first tag. */
function operationLink(operation: OpenApiOperation): string {
  return `#operations-${operation.tags[0]}-${operation.operationId}`;
}

/** The curl command of a write, with the body of its first example. */
function writeCurl(method: HttpMethod, path: string, operation: OpenApiOperation): string {
  const example = Object.values(operation.requestBody?.content['application/json'].examples ?? {})[0];
  return curlCommand(method, path, operation, example?.value);
}

/** `code` spans in a description, as the OpenAPI document writes them, set as code. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') ? (
          <code key={i} className="font-mono text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

function Example({ label, value }: { label: string; value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <details className="mt-2">
      <summary className="text-muted cursor-pointer text-sm">{label}</summary>
      <pre
        tabIndex={0}
        className="border-rule mt-2 max-h-96 overflow-auto rounded border p-3 font-mono text-xs leading-relaxed"
      >
        {text}
      </pre>
    </details>
  );
}

/** A shell command that sends the request, for copying: the token and body are placeholders to fill. */
function curlCommand(method: HttpMethod, path: string, operation: OpenApiOperation, body: unknown): string {
  const address = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const parameter = operation.parameters.find((p) => p.name === name);
    return parameter?.example ?? `{${name}}`;
  });
  const lines = [`curl -X ${method.toUpperCase()} "$COUNTERPART${address}"`, '-H "Authorization: Bearer $TOKEN"'];
  if (body !== undefined) {
    lines.push('-H "Content-Type: application/json"', `-d '${JSON.stringify(body, null, 2).replaceAll("'", "'\\''")}'`);
  }
  return lines.join(' \\\n  ');
}

/** How contacts are coded as PLOVER events and CAMEO codes (`format=plover`), from the table the export uses. */
function PloverTable() {
  const code = (value: string) => <code className="font-mono">{value}</code>;
  return (
    <section id="plover" aria-labelledby="plover-title" className="border-rule border-b py-10">
      <h2 id="plover-title" className="text-xl font-semibold tracking-tight">
        PLOVER / CAMEO event data
      </h2>
      <p className="text-muted mt-2 max-w-3xl">
        <code className="font-mono">/api/v1/contacts/export?format=plover</code> writes one PLOVER event per line (JSON
        Lines): the category in {code('event')}, how in {code('mode')}, the CAMEO code in {code('cameo')}, the officials
        as actors with their country’s ISO 3166 alpha-3 {code('code')} (a country met without names is an actor with a
        code alone), the sources in {code('cite_info')}, and the contact’s own fields under {code('counterpart')}. A
        month or year date has the period’s last day as {code('enddate')}. Requests and refusals name the side that
        asked or refused as the {code('source')}; otherwise every participant is a source.
      </p>
      {/* Six columns do not fit a phone: the table scrolls on its own, the page does not. */}
      {/* Focusable, so a keyboard can scroll it. */}
      <div
        className="mt-6 max-w-4xl overflow-x-auto"
        role="region"
        aria-label="Counterpart → PLOVER and CAMEO"
        tabIndex={0}
      >
        <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
          <caption className="text-muted mb-2 text-left text-xs font-medium tracking-wider uppercase">
            Counterpart → PLOVER and CAMEO
          </caption>
          <thead>
            <tr className="border-rule border-b">
              {['Status', 'Type', 'PLOVER event', 'Mode', 'Context', 'CAMEO'].map((label) => (
                <th key={label} scope="col" className="py-2 pr-4 font-medium">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-rule divide-y">
            {ploverTableRows().map(({ status, types, coding }) => (
              <tr key={`${status} ${types.join()}`} className="align-top">
                <th scope="row" className="py-2 pr-4 font-mono font-normal">
                  {status}
                </th>
                <td className="py-2 pr-4 font-mono text-xs">
                  {types.length === CONTACT_TYPES.length ? 'any' : types.join(', ')}
                </td>
                <td className="py-2 pr-4 font-mono">{coding.event}</td>
                <td className="py-2 pr-4 font-mono">{coding.mode ?? '–'}</td>
                <td className="py-2 pr-4 font-mono text-xs">{coding.context.join(', ') || '–'}</td>
                <td className="py-2 pr-4">
                  <span className="font-mono">{coding.cameo}</span>{' '}
                  <span className="text-muted text-xs">{coding.cameoText}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function ApiDocsPage() {
  return (
    <article>
      <header className="max-w-3xl">
        <p className="text-muted text-sm font-medium tracking-wider uppercase">For programs</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{doc.info.title}</h1>
        <p className="mt-3 text-lg">{doc.info.summary}</p>
        <p className="text-muted mt-3">
          <Prose text={doc.info.description} />
        </p>
        <p className="mt-4 text-sm">
          Machine-readable:{' '}
          <a href="/api/v1/openapi.json" className={LINK}>
            /api/v1/openapi.json
          </a>{' '}
          (OpenAPI {doc.openapi}); every endpoint and shape is in the{' '}
          <a href="#reference" className={LINK}>
            reference
          </a>{' '}
          below.
        </p>
      </header>

      <section id="tokens" aria-labelledby="tokens-title" className="border-rule mt-10 border-y py-10">
        <h2 id="tokens-title" className="text-xl font-semibold tracking-tight">
          Writing with an API token
        </h2>
        <div className="text-muted mt-2 max-w-3xl space-y-3">
          <p>
            Reads need nothing. Writes need an API token, which acts with the role of the account it was issued for. An
            administrator issues one on the server’s command line; the token is the last line printed and is shown only
            once:
          </p>
          <pre
            tabIndex={0}
            className="border-rule text-ink overflow-auto rounded border p-3 font-mono text-xs leading-relaxed"
          >
            {'npm run cli -- token:create --email you@example.org --name "my notebook"\n' +
              'cp_…\n\n' +
              'npm run cli -- token:list --email you@example.org   # id, prefix, last used\n' +
              'npm run cli -- token:revoke <prefix>                 # stops working at once'}
          </pre>
          <p>
            Send it with every write as <code className="font-mono">Authorization: Bearer cp_…</code>, and send bodies
            as <code className="font-mono">Content-Type: application/json</code>. An edit or delete sends the{' '}
            <code className="font-mono">version</code> it read; if the record changed since, nothing is saved and the
            409 answer holds the record as it now stands and what changed. In the examples below,{' '}
            <code className="font-mono">$COUNTERPART</code> is this server’s address and{' '}
            <code className="font-mono">$TOKEN</code> your token.
          </p>
        </div>
        <table className="mt-6 w-full max-w-3xl border-collapse text-left text-sm">
          <caption className="text-muted mb-2 text-left text-xs font-medium tracking-wider uppercase">
            Who may write
          </caption>
          <thead>
            <tr className="border-rule border-b">
              <th scope="col" className="py-2 pr-4 font-medium">
                Endpoint
              </th>
              {ROLES.map((role) => (
                <th key={role} scope="col" className="py-2 pr-4 font-medium capitalize">
                  {role.toLowerCase()}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-rule divide-y">
            {writes.map(({ path, method, operation }) => (
              <tr key={`${method} ${path}`}>
                <th scope="row" className="py-2 pr-4 font-normal">
                  <a href={operationLink(operation)} className={LINK}>
                    {operation.summary}
                  </a>
                  <span className="text-muted block font-mono text-xs break-all">
                    {method.toUpperCase()} {path}
                  </span>
                </th>
                {ROLES.map((role) => (
                  <td key={role} className="py-2 pr-4">
                    {can(role, operation['x-permission']!) ? 'yes' : <span className="text-muted">no</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="text-muted mt-8 text-xs font-medium tracking-wider uppercase">With curl</h3>
        <div className="max-w-3xl">
          {writes.map(({ path, method, operation }) => (
            <Example
              key={`${method} ${path}`}
              label={`${operation.summary}: ${method.toUpperCase()} ${path}`}
              value={writeCurl(method, path, operation)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="errors-title" className="border-rule border-b py-10">
        <h2 id="errors-title" className="text-xl font-semibold tracking-tight">
          Errors
        </h2>
        <p className="text-muted mt-2 max-w-3xl">
          Every error is JSON with the matching status: 400 for a missing, malformed or unknown parameter or body field,
          401 for a write without a valid token, 403 for a role that may not, 404 for a record that does not exist, 409
          for an edit based on an old version, 500 for a fault on the server (logged, never a stack trace). The message
          names the parameter; <code className="font-mono">fields</code> says what is wrong with each, nested body
          fields named by their path (<code className="font-mono">sources.0.url</code>).
        </p>
        <Example label="Example (400)" value={doc.components.responses.Invalid.content!['application/json'].example} />
        <Example
          label="Example (400, a body)"
          value={doc.components.responses.InvalidBody.content!['application/json'].example}
        />
        <Example
          label="Example (409)"
          value={doc.components.responses.ContactConflict.content!['application/json'].example}
        />
      </section>

      <PloverTable />

      <section id="reference" aria-labelledby="reference-title" className="py-10">
        <h2 id="reference-title" className="text-xl font-semibold tracking-tight">
          Reference
        </h2>
        <p className="text-muted mt-2 max-w-3xl">
          Every endpoint with its parameters, answers and examples, and the shapes they take and answer with, read from{' '}
          <a href="/api/v1/openapi.json" className={LINK}>
            the OpenAPI document
          </a>
          . Open an endpoint to read it; reads can be tried here, against this server.
        </p>
        <ApiReference url="/api/v1/openapi.json" />
      </section>
    </article>
  );
}
