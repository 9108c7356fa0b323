#!/usr/bin/env node
/**
 * Prisma's schema engine, run from its WebAssembly build, for the Prisma CLI.
 *
 * The CLI wants the Rust `schema-engine` binary and downloads it from binaries.prisma.sh,
 * which our machines, CI and air-gapped users cannot reach. prisma.config.ts points
 * PRISMA_SCHEMA_ENGINE_BINARY here instead, and this file speaks the binary's protocol:
 *
 *   schema-engine --datasource <json> cli can-connect-to-database|create-database|drop-database
 *   schema-engine [--datamodels <file>]... [--datasource <json>]   (JSON-RPC 2.0 on stdio)
 *
 * The engine is @prisma/schema-engine-wasm (the build @prisma/migrate pins), reaching
 * PostgreSQL through @prisma/adapter-pg. PostgreSQL only.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

// stdout carries JSON-RPC only: a stray line from a dependency breaks the CLI's parser.
console.log = console.info = console.debug = console.error;

// The Wasm glue reports a Rust panic here just before it traps with a bare "unreachable".
let panicMessage = '';
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    panicMessage = message;
  },
};

// Resolved from this file, so any clone path works; the utilities from adapter-pg's own
// dependency, so they match it whether or not npm hoists them.
const require = createRequire(import.meta.url);
const pg = require('pg');
const { parseIntoClientConfig } = createRequire(require.resolve('pg'))('pg-connection-string');
const { PrismaPg } = await import('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = createRequire(require.resolve('@prisma/adapter-pg'))(
  '@prisma/driver-adapter-utils',
);

const args = parseArgs(process.argv.slice(2));
const connectionString = args.datasource?.url;

if (args.cli) {
  process.exitCode = await runCliCommand(args.cli, connectionString);
} else {
  await serveJsonRpc();
}

/**
 * @param {string[]} argv
 * @returns {{ datamodels: string[], datasource?: { url?: string, shadowDatabaseUrl?: string }, cli?: string }}
 */
function parseArgs(argv) {
  const parsed = { datamodels: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') parsed.datamodels.push(argv[++i]);
    else if (arg === '--datasource') parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === 'cli') parsed.cli = argv[++i];
    // --enabled-preview-features and --extension-types have no counterpart in the Wasm engine.
    else if (arg.startsWith('--')) i++;
  }
  return parsed;
}

/** @param {string} url */
function clientConfig(url) {
  // Discrete fields rather than `connectionString`, which pg lets win over `database`: the
  // shadow database would otherwise silently be the main one. 5 s is the Rust engine's
  // connect timeout; without one, an unreachable host hangs for minutes.
  return { connectionTimeoutMillis: 5000, ...parseIntoClientConfig(url) };
}

// ── cli subcommands ─────────────────────────────────────────────────────────────────────

/**
 * The CLI parses stderr as JSON lines after skipping the first, and shows the ERROR line's
 * message and code (P1001, P1003...) as it would the Rust engine's.
 * @param {string} command
 * @param {string | undefined} url
 * @returns {Promise<number>} the exit code
 */
async function runCliCommand(command, url) {
  logLine('INFO', 'schema_engine', { message: `Starting schema engine CLI: ${command}` });
  let config = {};
  try {
    if (!url) throw new Error('No database url was given.');
    config = clientConfig(url);
    const database = config.database ?? config.user;
    if (command === 'can-connect-to-database') {
      await withClient(config, (client) => client.query('SELECT 1'));
    } else if (command === 'create-database') {
      await withMaintenanceClient(config, (client) => client.query(`CREATE DATABASE ${quote(database)}`));
    } else if (command === 'drop-database') {
      await withMaintenanceClient(config, (client) => client.query(`DROP DATABASE ${quote(database)}`));
    } else {
      throw new Error(`Unknown cli subcommand: ${command}`);
    }
    return 0;
  } catch (error) {
    logLine('ERROR', 'schema_engine::logger', userFacingError(error, config));
    return 1;
  }
}

/**
 * @template T
 * @param {import('pg').ClientConfig} config
 * @param {(client: import('pg').Client) => Promise<T>} run
 */
async function withClient(config, run) {
  const client = new pg.Client(config);
  client.on('error', () => {}); // a dropped idle connection must not crash the process
  try {
    await client.connect();
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** CREATE/DROP DATABASE run from another database; Rust tries `postgres`, then `template1`. */
async function withMaintenanceClient(config, run) {
  try {
    return await withClient({ ...config, database: 'postgres' }, run);
  } catch (error) {
    if (error.code !== '3D000') throw error;
    return await withClient({ ...config, database: 'template1' }, run);
  }
}

/** @param {string} name */
function quote(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The Rust engine's messages for connection errors (libs/user-facing-errors, common.rs).
 * @returns {{ message: string, error_code?: string }}
 */
function userFacingError(error, config) {
  const host = config.host || 'localhost';
  const port = config.port || 5432;
  const database = config.database ?? config.user;
  const code = error?.code ?? error?.errors?.[0]?.code;
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return unreachable(host, port);
    case '28P01':
      return {
        error_code: 'P1000',
        message: `Authentication failed against database server at \`${host}\`, the provided database credentials for \`${config.user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${host}\`.`,
      };
    case '28000':
    case '42501':
      return {
        error_code: 'P1010',
        message: `User \`${config.user}\` was denied access on the database \`${database}\``,
      };
    case '3D000':
      return {
        error_code: 'P1003',
        message: `Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`,
      };
    case '42P04':
      return {
        error_code: 'P1009',
        message: `Database \`${database}\` already exists on the database server at \`${host}:${port}\``,
      };
    case 'ERR_INVALID_URL':
      return { error_code: 'P1013', message: `The provided database string is invalid. ${error.message}` };
  }
  if (/timeout/i.test(error?.message ?? '')) return unreachable(host, port);
  return { message: error?.message ?? String(error) };
}

function unreachable(host, port) {
  return {
    error_code: 'P1001',
    message: `Can't reach database server at \`${host}\`:\`${port}\`\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.`,
  };
}

/** One log line in the Rust engine's JSON format, on stderr. */
function logLine(level, target, fields) {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

// ── the engine ──────────────────────────────────────────────────────────────────────────

async function loadWasmEngine() {
  const glueUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = await import(glueUrl);
  const bytes = await readFile(new URL('schema_engine_bg.wasm', glueUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine;
}

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumns = Symbol('charColumns');

/**
 * adapter-pg 7.10 throws on PostgreSQL's one-byte "char" type (OID 18), which the schema
 * describer reads from the catalogs (pg_constraint.contype and others). pg already yields
 * those values as one-letter strings; pass them as text and report the column as Character,
 * which is what the describer expects. Reaches into PgQueryable.performIO, the one place
 * that still sees the column OIDs; @prisma/adapter-pg is pinned exactly for that reason.
 * @param {any} queryable a PgQueryable: the adapter or one of its transactions
 * @returns {any} the same queryable
 */
function acceptCharColumns(queryable) {
  const { performIO, queryRaw, startTransaction } = queryable;
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    query[charColumns] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      query[charColumns].push(i);
    });
    return result;
  };
  queryable.queryRaw = async function (query) {
    const ownQuery = { ...query }; // one marker per call: queries run concurrently
    const result = await queryRaw.call(this, ownQuery);
    for (const i of ownQuery[charColumns] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (startTransaction) {
    queryable.startTransaction = async function (...txArgs) {
      return acceptCharColumns(await startTransaction.apply(this, txArgs));
    };
  }
  return queryable;
}

/**
 * adapter-pg splits scripts on every `;`, which breaks a migration with a semicolon in a
 * string or function body. Send the script whole, as the Rust engine does: PostgreSQL then
 * runs it in one implicit transaction, so a failing migration leaves nothing half-applied.
 */
function runScriptsWhole(adapter) {
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error); // converts to the DriverAdapterError the engine understands
    }
  };
  return adapter;
}

/**
 * @param {string} url
 * @param {{ shadowDatabaseUrl?: string }} datasource
 */
function createAdapterFactory(url, datasource) {
  const config = clientConfig(url);
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const options = schema ? { schema } : undefined;
  const main = new PrismaPg(config, options);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      return runScriptsWhole(acceptCharColumns(await main.connect()));
    },
    // adapter-pg's own version drops the shadow database while its pool is still open
    // ("being accessed by other users"), and its pool inherits the main connection string.
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) {
        throw new Error(
          'shadowDatabaseUrl is not supported by prisma/engine/schema-engine.mjs: it creates a temporary shadow database on the main server instead.',
        );
      }
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(config, (client) => client.query(`CREATE DATABASE ${quote(database)}`));
      const shadow = await new PrismaPg({ ...config, database }, options).connect();
      const close = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await close();
        await withClient(config, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`));
      };
      return runScriptsWhole(acceptCharColumns(shadow));
    },
  };
}

async function serveJsonRpc() {
  const datamodels = await Promise.all(args.datamodels.map(async (path) => [path, await readFile(path, 'utf8')]));
  /** @type {ReturnType<typeof bindMigrationAwareSqlAdapterFactory> | undefined} */
  let factory;
  // The Wasm engine connects as it starts, the Rust one on first use: keep a failure to
  // connect for the replies, where the CLI expects it, and still answer every request.
  const enginePromise = (async () => {
    if (!connectionString) {
      throw new Error(
        'No database url: set datasource.url in prisma.config.ts (DATABASE_URL). The WebAssembly schema engine needs a database connection for every command.',
      );
    }
    factory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(connectionString, args.datasource ?? {}));
    const SchemaEngine = await loadWasmEngine();
    return SchemaEngine.new(
      { datamodels: datamodels.length > 0 ? datamodels : undefined },
      (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
      factory,
    );
  })().catch(async (error) => {
    // Its connection errors carry no code; find it as `cli can-connect-to-database` does.
    if (error?.code || !connectionString) throw error;
    const config = clientConfig(connectionString);
    const failure = await withClient(config, (client) => client.query('SELECT 1')).then(
      () => undefined,
      (connectError) => userFacingError(connectError, config),
    );
    if (!failure?.error_code) throw error;
    throw Object.assign(new Error(failure.message), { code: failure.error_code });
  });
  enginePromise.catch(() => {});

  const methodNames = { getDatabaseVersion: 'version' };
  let nextPrintId = 1;
  const pending = new Set();

  /** @param {{ id: number | string, method: string, params?: unknown }} request */
  async function handle({ id, method, params }) {
    try {
      const engine = await enginePromise;
      const name = methodNames[method] ?? method;
      if (typeof engine[name] !== 'function' || name === 'free' || name.startsWith('__')) {
        throw new Error(`The WebAssembly schema engine has no method ${method}.`);
      }
      const result = await callEngine(engine, name, params);
      // The Wasm diff returns its output; the CLI prints only what it is asked to print,
      // adding a newline of its own.
      if (name === 'diff' && result?.stdout) {
        const content = result.stdout.replace(/\n$/, '');
        send({ jsonrpc: '2.0', id: `print-${nextPrintId++}`, method: 'print', params: { content } });
        result.stdout = null;
      }
      send({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (error) {
      const panicked = error instanceof WebAssembly.RuntimeError;
      send({ jsonrpc: '2.0', id, error: rpcError(error, factory, panicked) });
      // A Wasm instance is unusable after a panic; exit as the Rust engine does.
      if (panicked) process.stdout.write('', () => process.exit(101));
    }
  }

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    // Lines without a method are the CLI's acknowledgements of our print requests.
    if (!message.method) return;
    const request = handle(message);
    pending.add(request);
    request.finally(() => pending.delete(request));
  });
  lines.on('close', async () => {
    await Promise.allSettled(pending);
    process.stdout.write('', () => process.exit(0));
  });
}

/**
 * evaluateDataLoss and createMigration get no shadow-database factory in the Wasm engine:
 * they read the schema of the migration history from a cache that diagnoseMigrationHistory
 * fills. `migrate dev` after applying pending migrations finds that cache cold and fails
 * ("PostgreSQL shadow DB must be provided through an external factory"), so fill it, retry.
 */
async function callEngine(engine, name, params) {
  try {
    // Called on the engine itself: a detached method loses its Wasm pointer.
    return await engine[name](params);
  } catch (error) {
    const coldCache = /shadow DB must be provided through an external factory/.test(error?.message);
    if (!coldCache || !params?.migrationsList) throw error;
    await engine.diagnoseMigrationHistory({
      migrationsList: params.migrationsList,
      optInToShadowDatabase: true,
      filters: params.filters ?? { externalTables: [], externalEnums: [] },
    });
    return await engine[name](params);
  }
}

/** @param {object} message */
function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/**
 * In the Rust engine's JSON-RPC error shape, which the CLI unpacks into `P3009`-style errors.
 * @param {any} error
 * @param {{ errorRegistry: { consumeError(id: number): { error: unknown } | undefined } } | undefined} factory
 * @param {boolean} panicked
 */
function rpcError(error, factory, panicked) {
  if (panicked) {
    const message = panicMessage || String(error?.message ?? error);
    return { code: 4466, message, data: { is_panic: true, message, backtrace: error?.stack } };
  }
  // Errors thrown by JS code under the adapter reach the engine as registry references.
  const message = String(error?.message ?? error)
    .trimEnd()
    .replace(/External error id#(\d+)/g, (reference, id) => {
      const original = factory?.errorRegistry.consumeError(Number(id))?.error;
      return original ? String(original.message ?? original) : reference;
    });
  const data = { is_panic: false, message };
  if (typeof error?.code === 'string') data.error_code = error.code;
  if (error?.meta !== undefined) data.meta = error.meta;
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}
