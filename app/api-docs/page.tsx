import type { Metadata } from 'next';
import { Fragment, type ReactNode } from 'react';
import {
  openApiDocument,
  operationsOf,
  type HttpMethod,
  type JsonSchema,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiRequestBody,
  type OpenApiResponse,
} from '@/lib/api/openapi';
import { can, ROLES, type Permission } from '@/lib/auth/permissions';
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

/** The roles the permission table lets do this, as the page lists them. */
function rolesFor(permission: Permission): string[] {
  return ROLES.filter((role) => can(role, permission)).map((role) => role.toLowerCase());
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

function schemaName(schema: JsonSchema): string | null {
  return typeof schema.$ref === 'string' ? schema.$ref.split('/').at(-1)! : null;
}

/** A schema in a few words: "string (date)", "Gap[]", "CALL | MEETING", "Contact or null". */
function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  const name = schemaName(schema);
  if (name) {
    return (
      <a href={`#schema-${name}`} className={LINK}>
        {name}
      </a>
    );
  }
  // zod writes a nullable field as anyOf [its schema, null].
  const options = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(options)) {
    return (options as JsonSchema[]).map((option, i) => (
      <Fragment key={i}>
        {i > 0 && ' or '}
        {option.type === 'null' ? 'null' : <TypeLabel schema={option} />}
      </Fragment>
    ));
  }
  if (Array.isArray(schema.allOf)) return <TypeLabel schema={(schema.allOf as JsonSchema[])[0]} />;
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema;
    const isCompound = Array.isArray(items.enum) || Array.isArray(items.oneOf) || Array.isArray(items.anyOf);
    return (
      <>
        {isCompound && '('}
        <TypeLabel schema={items} />
        {isCompound && ')'}[]
      </>
    );
  }
  if (schema.type === 'object' && schema.properties) {
    return `{ ${Object.keys(schema.properties as object).join(', ')} }`;
  }
  if (schema.type === 'object' && schema.additionalProperties) return 'object of string[]';
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  return `${type}${schema.format ? ` (${String(schema.format)})` : ''}`;
}

function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <span className="border-rule rounded border px-1.5 py-0.5 font-mono text-xs font-semibold">
      {method.toUpperCase()}
    </span>
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

function Parameters({ parameters }: { parameters: OpenApiParameter[] }) {
  if (parameters.length === 0) return <p className="text-muted mt-4 text-sm">No parameters.</p>;
  return (
    <table className="mt-4 w-full table-fixed border-collapse text-left text-sm">
      <caption className="text-muted mb-2 text-left text-xs font-medium tracking-wider uppercase">Parameters</caption>
      <colgroup>
        <col className="w-32 sm:w-64" />
        <col />
      </colgroup>
      <thead className="sr-only">
        <tr>
          <th scope="col">Parameter and type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody className="divide-rule border-rule divide-y border-t">
        {parameters.map((p) => (
          <tr key={p.name} className="align-top">
            <th scope="row" className="py-2 pr-4 font-normal break-words">
              <code className="font-mono">{p.name}</code>
              <span className="text-muted block font-mono text-xs">
                <TypeLabel schema={p.schema} />
                {p.schema.default !== undefined && `, default ${String(p.schema.default)}`}
              </span>
              <span className="text-muted block text-xs">
                {p.in}
                {p.required ? ', required' : ''}
              </span>
            </th>
            <td className="py-2">
              <Prose text={p.description} />
              {p.example && (
                <span className="text-muted block text-xs">
                  e.g. <code className="font-mono break-all">{p.example}</code>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Responses({ responses }: { responses: Record<string, OpenApiResponse> }) {
  return (
    <dl className="mt-6 space-y-3 text-sm">
      {Object.entries(responses).map(([status, response]) => (
        <div key={status}>
          <dt className="font-medium tabular-nums">
            <span className={status.startsWith('2') ? '' : 'text-silence'}>{status}</span>{' '}
            <span className="text-muted font-normal">
              {Object.entries(response.content ?? {}).map(([type, content], i) => (
                <Fragment key={type}>
                  {i > 0 && ' · '}
                  {type} (<TypeLabel schema={content.schema} />)
                </Fragment>
              ))}
            </span>
          </dt>
          <dd>
            <Prose text={response.description} />
            {Object.entries(response.content ?? {}).map(([type, content]) => (
              <Fragment key={type}>
                {content.example !== undefined && <Example label={`Example (${type})`} value={content.example} />}
                {Object.entries(content.examples ?? {}).map(([name, example]) => (
                  <Example key={name} label={`Example: ${example.summary} (${type})`} value={example.value} />
                ))}
              </Fragment>
            ))}
          </dd>
        </div>
      ))}
    </dl>
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

function RequestBody({
  method,
  path,
  operation,
  body,
}: {
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
  body: OpenApiRequestBody;
}) {
  const media = body.content['application/json'];
  const examples = Object.entries(media.examples ?? {});
  return (
    <div className="mt-6 text-sm">
      <h3 className="text-muted text-xs font-medium tracking-wider uppercase">Request body</h3>
      <p className="mt-2">
        <span className="font-mono text-xs">
          application/json (<TypeLabel schema={media.schema} />)
        </span>{' '}
        — <Prose text={body.description} />
      </p>
      {examples.map(([name, example]) => (
        <Example key={name} label={`Example: ${example.summary}`} value={example.value} />
      ))}
      {examples[0] && <Example label="With curl" value={curlCommand(method, path, operation, examples[0][1].value)} />}
    </div>
  );
}

function Endpoint({ path, method, operation }: { path: string; method: HttpMethod; operation: OpenApiOperation }) {
  const example = operation['x-example-request'];
  const permission = operation['x-permission'];
  return (
    <section id={operation.operationId} aria-labelledby={`${operation.operationId}-title`} className="py-10">
      <h2 id={`${operation.operationId}-title`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <MethodBadge method={method} />
        <code className="font-mono text-lg font-semibold break-all">{path}</code>
      </h2>
      <p className="mt-2 text-lg">{operation.summary}</p>
      {permission && (
        <p className="mt-1 text-sm">
          <a href="#tokens" className={LINK}>
            API token
          </a>{' '}
          of a {rolesFor(permission).join(' or ')}
        </p>
      )}
      <p className="text-muted mt-2 max-w-3xl">
        <Prose text={operation.description} />
      </p>
      {example && (
        <p className="mt-3 text-sm">
          Try it:{' '}
          <a href={example} className={`font-mono break-all ${LINK}`}>
            {example}
          </a>
        </p>
      )}
      {!operation.requestBody && method !== 'get' && (
        <Example label="With curl" value={curlCommand(method, path, operation, undefined)} />
      )}
      <Parameters parameters={operation.parameters} />
      {operation.requestBody && (
        <RequestBody method={method} path={path} operation={operation} body={operation.requestBody} />
      )}
      <Responses responses={operation.responses} />
    </section>
  );
}

function Shape({ name, schema }: { name: string; schema: JsonSchema }) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <section id={`schema-${name}`} aria-labelledby={`schema-${name}-title`} className="py-6">
      <h3 id={`schema-${name}-title`} className="font-mono font-semibold">
        {name}
      </h3>
      {typeof schema.description === 'string' && <p className="text-muted mt-1 text-sm">{schema.description}</p>}
      <ul className="divide-rule mt-2 divide-y text-sm">
        {Object.entries(properties).map(([property, value]) => (
          <li key={property} className="grid gap-x-4 py-1.5 sm:grid-cols-[12rem_minmax(0,1fr)]">
            <span>
              <code className="font-mono">{property}</code>
              {!required.has(property) && <span className="text-muted"> (optional)</span>}
            </span>
            <span>
              <span className="font-mono text-xs">
                <TypeLabel schema={value} />
              </span>
              {typeof value.description === 'string' && <span className="text-muted"> — {value.description}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
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
          (OpenAPI {doc.openapi})
        </p>
      </header>

      <nav aria-labelledby="endpoints-title" className="border-rule mt-10 border-y py-6">
        <h2 id="endpoints-title" className="text-muted text-sm font-medium tracking-wider uppercase">
          Endpoints
        </h2>
        <ul className="mt-3 space-y-1.5">
          {endpoints.map(({ path, method, operation }) => (
            <li key={`${method} ${path}`} className="grid gap-x-4 sm:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
              <span className="font-mono text-sm">
                <span className="text-muted inline-block w-16">{method.toUpperCase()}</span>
                <a href={`#${operation.operationId}`} className={`break-all ${LINK}`}>
                  {path}
                </a>
              </span>
              <span className="text-muted text-sm">{operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      <section id="tokens" aria-labelledby="tokens-title" className="border-rule border-b py-10">
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
                  <a href={`#${operation.operationId}`} className={LINK}>
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

      <div className="divide-rule divide-y">
        {endpoints.map(({ path, method, operation }) => (
          <Endpoint key={`${method} ${path}`} path={path} method={method} operation={operation} />
        ))}
      </div>

      <section aria-labelledby="shapes-title" className="border-rule border-t py-10">
        <h2 id="shapes-title" className="text-xl font-semibold tracking-tight">
          Shapes
        </h2>
        <p className="text-muted mt-2 max-w-3xl">
          The objects the endpoints take and answer with. In an answer a property is always present unless marked
          optional, and a value that is not known is <code className="font-mono">null</code>; in a request body only the
          properties not marked optional must be sent.
        </p>
        <div className="divide-rule divide-y">
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <Shape key={name} name={name} schema={schema} />
          ))}
        </div>
      </section>
    </article>
  );
}
