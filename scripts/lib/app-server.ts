/**
 * The production app as the measuring scripts run it (`npm run bench`, `npm run faults`): a current build
 * (`next build` when a source is newer, as `npm start` decides), served by `node scripts/server.mjs` on
 * 127.0.0.1 with a throwaway BETTER_AUTH_SECRET, its output in a log file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIsCurrent } from './build';
import { freePort } from './free-port';
import { bin, ROOT, run } from './run';
import { throwawaySecret } from './secret';
import { serverNodeArgs } from './server-heap';

/** A running app server. */
export type AppServer = {
  pid: number;
  port: number;
  base: string;
  logPath: string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /** Sends a signal (SIGKILL for a crash) and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  exited(): boolean;
};

export type StartAppServerOptions = {
  /** The database the app connects with (DATABASE_URL). */
  databaseUrl: string;
  /** A given port (to restart on the same address), else a free one. */
  port?: number;
  /** The log file's name in the temp folder is `${logPrefix}-${port}.log`. */
  logPrefix: string;
  /** Appended to the log instead of truncating it (a restart keeps the first life's lines). */
  appendLog?: boolean;
  /** The auth secret, for servers that must accept one another's sessions; a throwaway one otherwise. */
  authSecret?: string;
  /** How long to wait for /api/v1/ping to answer (default 2 minutes). */
  readyTimeoutMs?: number;
};

/** Builds the app when `.next` is missing or older than a source file. Throws when the build fails. */
export async function ensureProductionBuild(log: (line: string) => void): Promise<void> {
  if (buildIsCurrent()) {
    log('The production build in .next is current');
    return;
  }
  log('Building the app (no build yet, or a source changed)…');
  const code = await run(bin('next'), ['build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (code !== 0) throw new Error('The build failed: see the errors above.');
}

/** Starts `node scripts/server.mjs` in production mode and resolves once /api/v1/ping answers. */
export async function startAppServer(options: StartAppServerOptions): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const logPath = path.join(os.tmpdir(), `${options.logPrefix}-${port}.log`);
  const out = fs.openSync(logPath, options.appendLog ? 'a' : 'w');
  const args = [...serverNodeArgs(), 'scripts/server.mjs', '--port', String(port), '--hostname', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      BETTER_AUTH_SECRET: options.authSecret ?? throwawaySecret(),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const server: AppServer = {
    pid: child.pid!,
    port,
    base,
    logPath,
    exited: () => exited,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
    kill: async (signal) => {
      if (exited) return;
      child.kill(signal);
      await exit;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server exited at start; its log: ${logPath}`);
    try {
      if ((await fetch(`${base}/api/v1/ping`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await server.stop();
  throw new Error(
    `The server did not answer within ${Math.round((options.readyTimeoutMs ?? 120_000) / 1000)} s; its log: ${logPath}`,
  );
}
