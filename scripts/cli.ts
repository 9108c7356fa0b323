/**
 * `npm run cli -- <command>`: Counterpart's command line, on the database the app
 * would use (DATABASE_URL, or the embedded server). Wrong arguments print the
 * usage and exit 2; expected failures print one `error:` line and exit 1.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../lib/data/api-tokens';
import type { Actor } from '../lib/data/actor';
import { changeRole, createUser, disableUser, enableUser, findUserByEmail, getUserForAdmin } from '../lib/data/users';
import { disconnectDb, getDb } from '../lib/db';
import { rebuildPairStats } from '../lib/stats/rebuild';
import type { ImportProgress } from '../lib/import/contacts';
import { progressLine } from '../lib/import/progress';
import { readOfficialsCsv, upsertOfficials } from '../lib/import/officials';
import { loadOoh } from '../lib/import/ooh/load';
import { runImport, type ImportKind } from '../lib/import/run';
import { contactReportLines, officialsReportLines, oohReportLines } from '../lib/import/report-text';
import { AppError } from '../lib/errors';
import { ZAccessChange, ZRoleChange } from '../lib/validation/admin-user';
import { ZApiTokenInput, ZUserInput } from '../lib/validation/user';
import { backupDatabase, checkBackupDestination } from './lib/backup/backup';
import { BackupError } from './lib/backup/format';
import { restoreDatabase, verifyBackupFile } from './lib/backup/restore';
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { fail } from './lib/run';
import { seedInto } from './lib/seed';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  user:create --email E --name N --role R --password P
                create an account that signs in with a password; R is viewer,
                researcher or admin. Instead of --password (which stays in your
                shell history), give --password-stdin to read one line from
                standard input, or set COUNTERPART_PASSWORD.
  user:role --email E --role R
                give an account another role (never the last admin's)
  user:disable --email E [--reason TEXT]
                disable an account: its sessions end and its API tokens are
                refused at once (never the last admin)
  user:enable --email E
                let a disabled account sign in again
  token:create --email E [--name LABEL]
                issue an API token for that account; the token is the last line
                of standard output and is shown only once
  token:list --email E
                list that account's API tokens: id, prefix, name, dates
  token:revoke <id | prefix | token>   (or --id X)
                revoke an API token; it stops working at once
  import contacts FILE [--dry-run] [--create-officials]
                import contacts from a CSV file (the format is in the README;
                a template is at /imports/template.csv): all or nothing, and
                idempotent by external_id. --dry-run writes nothing and lists
                every problem; --create-officials adds unknown names as new
                officials of the country given
  import plover FILE [--dry-run] [--create-officials]
                the same from PLOVER-style JSON Lines (as the contact export's
                format=plover writes them)
  import officials FILE [--dry-run]
                import officials from a CSV file (name, country, spellings,
                Wikidata id, positions): adds, never overwrites
  import ooh    load the Office of the Historian's records shipped with
                Counterpart (Presidents' and Secretaries of State's trips
                abroad since 1866, foreign leaders' visits since 1874)
  seed          load the demo data set (idempotent)
  rebuild       recompute the per-pair statistics (pair_contact, pair_stat)
                from the contacts, from scratch; writes wait meanwhile
  backup FILE   write every table's rows to FILE (gzip), as one consistent
                snapshot; the app may keep running. Keep it secret: it holds
                password hashes. No pg_dump needed, any PostgreSQL version
  restore FILE [--replace]
                check FILE whole, then load it in one transaction (all or
                nothing), migrating to this version's schema. Refuses a
                database that holds data, unless --replace: then everything
                in it is replaced by the backup
  help          show this text (also: <command> --help)

The database is the app's: DATABASE_URL, or else the embedded server.`;

const CLI_ACTOR: Actor = { userId: null, via: 'cli' };
const IMPORT_ACTOR: Actor = { userId: null, via: 'import' };

type Values = Record<string, string | boolean | undefined>;
type Command = {
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(values: Values, positionals: string[]): Promise<void>;
};

const COMMANDS: Record<string, Command> = {
  'user:create': {
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    run: userCreate,
  },
  'user:role': { options: { email: { type: 'string' }, role: { type: 'string' } }, run: userRole },
  'user:disable': { options: { email: { type: 'string' }, reason: { type: 'string' } }, run: userDisable },
  'user:enable': { options: { email: { type: 'string' } }, run: userEnable },
  'token:create': { options: { email: { type: 'string' }, name: { type: 'string' } }, run: tokenCreate },
  'token:list': { options: { email: { type: 'string' } }, run: tokenList },
  'token:revoke': { options: { id: { type: 'string' } }, allowPositionals: true, run: tokenRevoke },
  import: {
    options: { 'dry-run': { type: 'boolean' }, 'create-officials': { type: 'boolean' } },
    allowPositionals: true,
    run: importCommand,
  },
  seed: { options: {}, run: seed },
  rebuild: { options: {}, run: rebuild },
  backup: { options: {}, allowPositionals: true, run: backupCommand },
  restore: { options: { replace: { type: 'boolean' } }, allowPositionals: true, run: restoreCommand },
};

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

function out(line: string) {
  process.stdout.write(`${line}\n`);
}

/** Wrong arguments: say what is wrong, show the usage, exit 2. */
function usageError(message: string): never {
  fail(`${message}\n\n${USAGE}`, 2);
}

/** Exits with the usage when a required option is missing; `also` names further missing ones. */
function requireOptions(values: Values, names: string[], also: string[] = []) {
  const missing = [...names.filter((name) => typeof values[name] !== 'string').map((name) => `--${name}`), ...also];
  if (missing.length > 0) usageError(`Missing ${missing.join(', ')}.`);
}

/** Parses options with a zod schema; a bad value prints `--option: what to fix` per line and exits 2. */
function validate<T extends z.ZodType>(schema: T, input: Record<string, unknown>): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `--${issue.path.join('.') || 'input'}: ${issue.message}`);
  fail([...new Set(lines)].join('\n'), 2);
}

/**
 * Opens the app's database, applies pending migrations, points the data layer
 * at it, runs `fn`, and always lets go of the database again.
 */
async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const database = await openDatabaseOrExit({ mode: 'app', joinRunning: true, log });
  try {
    const migrationError = await migrateDeploy(database.ownerUrl);
    if (migrationError) {
      log(`error: ${migrationError}`);
      process.exitCode = 1;
      return;
    }
    process.env.DATABASE_URL = database.url;
    await fn(database.url);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

/** One line from standard input; on a terminal it asks and does not echo. */
function readSecretLine(prompt: string): Promise<string> {
  const isTerminal = process.stdin.isTTY === true;
  if (isTerminal) process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: isTerminal });
  return new Promise((resolve) => {
    let line = '';
    reader.once('line', (text) => {
      line = text;
      reader.close();
    });
    reader.on('SIGINT', () => {
      reader.close();
      fail('Cancelled.', 130);
    });
    reader.once('close', () => {
      if (isTerminal) process.stderr.write('\n');
      // Nothing else reads stdin; left open, it would keep the process alive.
      process.stdin.destroy();
      resolve(line);
    });
  });
}

async function passwordFrom(values: Values): Promise<string> {
  if (values['password-stdin'] && values.password !== undefined) {
    usageError('Give either --password or --password-stdin, not both.');
  }
  if (values['password-stdin']) return readSecretLine('Password: ');
  if (typeof values.password === 'string') return values.password;
  return process.env.COUNTERPART_PASSWORD ?? '';
}

async function userCreate(values: Values) {
  const hasPassword = values['password-stdin'] || values.password !== undefined || !!process.env.COUNTERPART_PASSWORD;
  requireOptions(
    values,
    ['email', 'name', 'role'],
    hasPassword ? [] : ['--password (or --password-stdin, or COUNTERPART_PASSWORD)'],
  );
  const password = await passwordFrom(values);
  const input = validate(ZUserInput, { email: values.email, name: values.name, role: values.role, password });
  await withDatabase(async () => {
    const user = await createUser(input, CLI_ACTOR);
    out(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}), id ${user.id}.`);
  });
}

/** The account of an email and its current version: the command line acts on the account as it is now. */
async function accountOf(email: string) {
  const found = await findUserByEmail(email);
  const user = found && (await getUserForAdmin(found.id));
  if (!user) throw new AppError('NOT_FOUND', `No account for ${email}`);
  return user;
}

async function userRole(values: Values) {
  requireOptions(values, ['email', 'role']);
  const { email } = validate(ZApiTokenInput.pick({ email: true }), { email: values.email });
  const { role } = validate(ZRoleChange.pick({ role: true }), { role: values.role });
  await withDatabase(async () => {
    const user = await accountOf(email);
    const changed = await changeRole(user.id, role, { version: user.version }, CLI_ACTOR);
    out(`${changed.email} (${changed.name}) is now ${changed.role.toLowerCase()}.`);
  });
}

async function userDisable(values: Values) {
  requireOptions(values, ['email']);
  const { email } = validate(ZApiTokenInput.pick({ email: true }), { email: values.email });
  const { reason } = validate(ZAccessChange.pick({ reason: true }), { reason: values.reason });
  await withDatabase(async () => {
    const user = await accountOf(email);
    const disabled = await disableUser(user.id, { version: user.version, reason }, CLI_ACTOR);
    out(
      `Disabled ${disabled.email} (${disabled.name}); ${disabled.sessionsEnded} session(s) ended, API tokens refused.`,
    );
  });
}

async function userEnable(values: Values) {
  requireOptions(values, ['email']);
  const { email } = validate(ZApiTokenInput.pick({ email: true }), { email: values.email });
  await withDatabase(async () => {
    const user = await accountOf(email);
    const enabled = await enableUser(user.id, { version: user.version }, CLI_ACTOR);
    out(`Enabled ${enabled.email} (${enabled.name}).`);
  });
}

async function tokenCreate(values: Values) {
  requireOptions(values, ['email']);
  const input = validate(ZApiTokenInput, { email: values.email, name: values.name });
  await withDatabase(async () => {
    const created = await createApiToken(input, CLI_ACTOR);
    log(
      `Token for ${input.email} (${created.role.toLowerCase()}), id ${created.id}, "${created.name}": keep it secret, it is shown once.`,
    );
    // The token alone on the last line of stdout, so `| tail -n 1` or `$(…)` can take it.
    out(created.token);
  });
}

function formatDate(date: Date | null): string {
  return date === null ? '-' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

async function tokenList(values: Values) {
  requireOptions(values, ['email']);
  const { email } = validate(ZApiTokenInput.pick({ email: true }), { email: values.email });
  await withDatabase(async () => {
    if ((await findUserByEmail(email)) === null) {
      throw new AppError('NOT_FOUND', `No account for ${email}`);
    }
    const tokens = await listApiTokens(email);
    if (tokens.length === 0) return log(`${email} has no API tokens.`);
    const rows = tokens.map((token) => [
      token.id,
      token.prefix,
      token.name,
      formatDate(token.createdAt),
      formatDate(token.lastUsedAt),
      formatDate(token.revokedAt),
    ]);
    printTable(['id', 'prefix', 'name', 'created', 'last used', 'revoked'], rows);
  });
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) {
    out(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
  }
}

async function tokenRevoke(values: Values, positionals: string[]) {
  const refs = [...positionals, ...(typeof values.id === 'string' ? [values.id] : [])];
  if (refs.length !== 1) usageError('Name one token: its id, its prefix (as listed) or the token itself.');
  await withDatabase(async () => {
    const token = await revokeApiToken(refs[0], CLI_ACTOR);
    out(`Revoked token ${token.id} (${token.prefix}…, "${token.name}").`);
  });
}

/** Progress on standard error: one line redrawn on a terminal, a line every few seconds otherwise. */
function progressReporter(bytesTotal: number | null) {
  const started = performance.now();
  let last = 0;
  const tty = process.stderr.isTTY;
  return ({ rows, bytesDone = 0, phase }: { rows: number; bytesDone?: number; phase: ImportProgress['phase'] }) => {
    const now = performance.now();
    if (phase === 'reading' && now - last < (tty ? 200 : 5000)) return;
    last = now;
    if (phase === 'done') {
      if (tty) process.stderr.write('\r\x1b[K');
      return;
    }
    const line = progressLine({ rows, bytesDone, bytesTotal, elapsedMs: now - started });
    const shown = phase === 'statistics' ? `${line}  (updating the statistics)` : line;
    process.stderr.write(tty ? `\r\x1b[K${shown}` : `${shown}\n`);
  };
}

const IMPORT_KINDS = ['contacts', 'plover', 'officials', 'ooh'];

async function importCommand(values: Values, positionals: string[]) {
  const [kind, file, ...extra] = positionals;
  if (kind === undefined || !IMPORT_KINDS.includes(kind)) {
    usageError(kind === undefined ? `Name what to import: ${IMPORT_KINDS.join(', ')}.` : `Unknown import "${kind}".`);
  }
  if (kind === 'ooh') {
    if (file !== undefined) usageError('import ooh takes no file: the records ship with Counterpart.');
    return importOoh();
  }
  if (file === undefined) usageError('Name the file to import.');
  if (extra.length > 0) usageError(`Give one file (also got ${extra.join(', ')}).`);
  if (kind === 'officials' && values['create-officials']) usageError('--create-officials is for contacts.');
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    fail(`error: no file at ${file}: check the path`, 1);
  }
  if (kind === 'officials') return importOfficials(file, values['dry-run'] === true);
  await withDatabase(async () => {
    const report = await runImport({
      id: randomUUID(),
      kind: kind as ImportKind,
      fileName: basename(file),
      dryRun: values['dry-run'] === true,
      createOfficials: values['create-officials'] === true,
      actor: IMPORT_ACTOR,
      bytesTotal: size,
      input: createReadStream(file),
      onProgress: progressReporter(size),
    });
    if ('error' in report) {
      log(`error: ${report.fileName}: ${report.error}`);
      process.exitCode = 1;
      return;
    }
    for (const line of contactReportLines(report)) out(line);
    if (report.problemCount > 0) process.exitCode = 1;
  });
}

/** Officials: checked whole first, and written only when no row has a problem (all or nothing). */
async function importOfficials(file: string, dryRun: boolean) {
  await withDatabase(async () => {
    const { records, problems } = await readOfficialsCsv(createReadStream(file));
    const options = { fileName: basename(file) };
    const check = await getDb().$transaction(
      (tx) => upsertOfficials(tx, records, IMPORT_ACTOR, { ...options, dryRun: true }),
      {
        timeout: 10 * 60 * 1000,
      },
    );
    const all = [...problems, ...check.problems].sort((a, b) => a.line - b.line);
    const report =
      dryRun || all.length > 0
        ? check
        : await getDb().$transaction(
            (tx) => upsertOfficials(tx, records, IMPORT_ACTOR, { ...options, dryRun: false }),
            {
              timeout: 10 * 60 * 1000,
            },
          );
    for (const line of officialsReportLines({ ...report, problems: all }, options.fileName)) out(line);
    if (all.length > 0) process.exitCode = 1;
  });
}

async function importOoh() {
  await withDatabase(async () => {
    const report = await loadOoh(IMPORT_ACTOR, { onProgress: progressReporter(null) });
    for (const line of oohReportLines(report)) out(line);
    if (report.contacts.problemCount > 0 || report.officials.problems.length > 0) process.exitCode = 1;
  });
}

async function seed() {
  await withDatabase((url) => seedInto(url, log));
}

async function rebuild() {
  await withDatabase(async () => {
    const started = performance.now();
    const { pairs, pairContacts } = await rebuildPairStats(getDb());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(`Rebuilt the statistics of ${pairs} pairs from ${pairContacts} pair rows in ${seconds} s.`);
  });
}

/** The one file a backup or restore names. */
function fileArgument(name: string, positionals: string[]): string {
  if (positionals.length === 0)
    usageError(`Name the file to ${name === 'backup' ? 'write' : 'restore'}: ${name} FILE.`);
  if (positionals.length > 1) usageError(`Give one file (also got ${positionals.slice(1).join(', ')}).`);
  return positionals[0];
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function rowsIn(tables: { name: string; rows: number }[], name?: string): string {
  const rows = tables.filter((table) => name === undefined || table.name === name).reduce((sum, t) => sum + t.rows, 0);
  return rows.toLocaleString('en-US');
}

/** Backup and restore read and write every table: as the tables' owner (see scripts/lib/database.ts). */
async function backupCommand(_values: Values, positionals: string[]) {
  const file = fileArgument('backup', positionals);
  await checkBackupDestination(file);
  const database = await openDatabaseOrExit({ mode: 'app', joinRunning: true, log });
  try {
    const started = performance.now();
    const result = await backupDatabase({ url: database.ownerUrl, file, log });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(
      `Backed up ${rowsIn(result.tables)} rows of ${result.tables.length} tables (${rowsIn(result.tables, 'contact')} contacts) to ${file} (${formatBytes(result.bytes)}) in ${seconds} s.`,
    );
  } finally {
    await database.stop();
  }
}

async function restoreCommand(values: Values, positionals: string[]) {
  const file = fileArgument('restore', positionals);
  const started = performance.now();
  // Checked whole before the database is even opened: a bad file changes nothing.
  const verified = await verifyBackupFile(file);
  const { header, trailer } = verified;
  log(
    `${file}: a backup made ${header.createdAt.slice(0, 16).replace('T', ' ')} UTC from ${header.server}, ${rowsIn(trailer.tables)} rows in ${trailer.tables.length} tables; checked, complete.`,
  );
  const database = await openDatabaseOrExit({ mode: 'app', joinRunning: true, log });
  try {
    const result = await restoreDatabase({
      url: database.ownerUrl,
      file,
      replace: values.replace === true,
      log,
      verified,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const migrated =
      result.migratedAfter.length > 0 ? `, then migrated it (${result.migratedAfter.length} migrations)` : '';
    out(
      `Restored ${rowsIn(result.tables)} rows of ${result.tables.length} tables (${rowsIn(result.tables, 'contact')} contacts) from ${file} into ${database.describe}${migrated} in ${seconds} s.`,
    );
  } finally {
    await database.stop();
  }
}

/** Splits argv into the command and its checked options; wrong arguments exit 2. */
function parseCommand(argv: string[]): { command: Command; values: Values; positionals: string[] } | null {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') return null;
  if (name === undefined) usageError('Name a command.');
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) usageError(`Unknown command "${name}".`);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.allowPositionals === true,
    });
    if (values.help) return null;
    return { command, values, positionals };
  } catch (error) {
    // Node's messages go on to explain `--` at length; the first sentence says what is wrong.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] : String(error);
    usageError(`${name}: ${message.replace(/\.$/, '')}.`);
  }
}

function report(error: unknown) {
  if (error instanceof BackupError) return log(`error: ${error.message}`);
  if (!(error instanceof AppError)) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return;
  }
  log(`error: ${error.message}`);
  // Other codes' messages already say it all; an INVALID one may need its fields.
  if (error.code === 'INVALID') {
    for (const [field, messages] of Object.entries(error.fields ?? {})) log(`  --${field}: ${messages.join('; ')}`);
  }
}

async function main() {
  const parsed = parseCommand(process.argv.slice(2));
  if (parsed === null) return out(USAGE);
  await parsed.command.run(parsed.values, parsed.positionals);
}

main().catch((error: unknown) => {
  report(error);
  // Not process.exit: stdout may still be draining into a pipe.
  process.exitCode = 1;
});
