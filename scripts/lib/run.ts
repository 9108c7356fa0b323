import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, whatever folder a script is started from. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A binary that npm installed into node_modules/.bin. */
export function bin(name: string): string {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

/** Runs a command to completion with inherited output; resolves to its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and captures its output, for callers that report failures themselves. */
export function capture(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** What a script run by {@link runScript} exited with and wrote, each stream apart. */
export type ScriptResult = { code: number; stdout: string; stderr: string };

/**
 * Runs one of the scripts as `npm run` does (tsx, with the react-server condition) and captures its output;
 * `stdin`, when given, is written to it and closed, and otherwise it has none.
 */
export function runScript(
  script: string,
  options: { args?: string[]; env: NodeJS.ProcessEnv; stdin?: string },
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('tsx'), ['--conditions=react-server', script, ...(options.args ?? [])], {
      cwd: ROOT,
      env: options.env,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

/** Prints one line saying what to fix and exits; for expected failures on the command line. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * A number from the environment variable `name`, or `fallback` when it is unset or blank; anything else
 * below `min` (or, with `whole`, not a whole number) is a usage error that exits with code 2.
 */
export function numberFromEnv(name: string, options: { fallback: number; min: number; whole?: boolean }): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return options.fallback;
  const value = Number(raw);
  const kind = options.whole ? 'a whole number' : 'a number';
  if ((options.whole ? !Number.isInteger(value) : !Number.isFinite(value)) || value < options.min) {
    fail(`${name} must be ${kind} of at least ${options.min}, not "${raw}".`, 2);
  }
  return value;
}

/** Runs a script's `main`; an error it did not expect prints its stack and exits with code 1. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

/** {@link runMain}, only when `moduleUrl` is the script node was started with, not a module a test imports. */
export function runMainIfScript(moduleUrl: string, main: () => Promise<unknown>): void {
  if (process.argv[1] && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href) runMain(main);
}
