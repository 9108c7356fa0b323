import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './run';

/*
 * The end-to-end server's log (playwright.config.ts sends its output there), and the check that runs
 * after every end-to-end run: the log is JSON lines describing the requests, and no secret the run
 * used — a password, an API token, a session, the signing secret — appears anywhere in it.
 */

/** Where the end-to-end server's output goes. */
export function serverLogFile(resultsDir = process.env.TEST_RESULTS_DIR || 'test-results'): string {
  return path.resolve(ROOT, resultsDir, 'server.log');
}

/** A value that must never be written, and what to call it in a report (never the value itself). */
export type Secret = { label: string; value: string };

/** Secrets whatever their value: an API token as the app issues them (lib/data/api-tokens.ts), a bearer header, the session cookie. */
const SECRET_PATTERNS: { label: string; pattern: RegExp }[] = [
  { label: 'an API token (cp_…)', pattern: /\bcp_[A-Za-z0-9_-]{7,}/ },
  { label: 'a Bearer credential', pattern: /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/i },
  { label: 'the session cookie', pattern: /better-auth[.-]session_(?:token|data)/i },
];

/** The request fields every request's line carries (scripts/lib/request-log.mjs). */
const REQUEST_FIELDS = ['reqId', 'method', 'route', 'status', 'durationMs'] as const;

export type LogLine = Record<string, unknown>;

/** The lines of a log: the JSON ones parsed, and the numbers of those that are not JSON objects. */
export function parseLog(text: string): { lines: LogLine[]; notJson: number[] } {
  const lines: LogLine[] = [];
  const notJson: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) lines.push(value as LogLine);
      else notJson.push(index + 1);
    } catch {
      notJson.push(index + 1);
    }
  });
  return { lines, notJson };
}

/** Whether a line is a request's own line, with every field it must carry. */
export function isRequestLine(line: LogLine): boolean {
  return REQUEST_FIELDS.every((field) => line[field] !== undefined);
}

/** Where each secret (by label) appears in the text: "label (line N)"; empty when none does. */
export function findSecrets(text: string, secrets: Secret[]): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const { label, value } of secrets) {
    // Short values could occur by chance; every secret of a run is far longer.
    if (value.length < 8) continue;
    const at = text.indexOf(value);
    if (at !== -1) found.push(`${label} (line ${lineOf(at)})`);
  }
  for (const { label, pattern } of SECRET_PATTERNS) {
    const index = lines.findIndex((line) => pattern.test(line));
    if (index !== -1) found.push(`${label} (line ${index + 1})`);
  }
  return found;
}

/**
 * What is wrong with a server log: not there or empty, lines that are not JSON, no request lines, or
 * any secret in it. Empty when it is as it must be.
 */
export function checkServerLog(text: string | null, secrets: Secret[]): string[] {
  if (text === null) return ['There is no server log.'];
  const { lines, notJson } = parseLog(text);
  const problems: string[] = [];
  if (notJson.length > 0)
    problems.push(`${notJson.length} lines are not JSON objects (first: line ${notJson.slice(0, 5).join(', ')}).`);
  if (!lines.some(isRequestLine))
    problems.push(`No line describes a request (with ${REQUEST_FIELDS.join(', ')}): ${lines.length} JSON lines.`);
  for (const leak of findSecrets(text, secrets)) problems.push(`The log contains ${leak}.`);
  return problems;
}

/**
 * Every secret an end-to-end run used: the test accounts' passwords and API tokens, the signing
 * secret, the sessions still in the database and the session cookies the browsers kept.
 */
export async function runSecrets(input: {
  accountsFile: string;
  authSecret: string;
  databaseUrl: string;
  resultsDir: string;
}): Promise<Secret[]> {
  const secrets: Secret[] = [{ label: 'BETTER_AUTH_SECRET', value: input.authSecret }];
  const accounts = JSON.parse(readFileSync(input.accountsFile, 'utf8')) as Record<
    string,
    { password: string; token: string }
  >;
  for (const [name, { password, token }] of Object.entries(accounts)) {
    secrets.push({ label: `the ${name} account's password`, value: password });
    secrets.push({ label: `the ${name} account's API token`, value: token });
  }
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ token: string }>('SELECT token FROM session');
    for (const { token } of rows) secrets.push({ label: 'a session token', value: token });
  } finally {
    await client.end();
  }
  const states = path.join(input.resultsDir, 'auth');
  for (const file of existsSync(states) ? readdirSync(states) : []) {
    const state = JSON.parse(readFileSync(path.join(states, file), 'utf8')) as { cookies?: { value: string }[] };
    for (const cookie of state.cookies ?? []) {
      secrets.push({ label: `a cookie kept in ${file}`, value: cookie.value });
      // The browser keeps it URL-encoded; a log could hold it as sent or decoded.
      const decoded = (() => {
        try {
          return decodeURIComponent(cookie.value);
        } catch {
          return cookie.value;
        }
      })();
      if (decoded !== cookie.value) secrets.push({ label: `a cookie kept in ${file}`, value: decoded });
    }
  }
  return secrets;
}
