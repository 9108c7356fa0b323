import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it, vi } from 'vitest';
import { setupTestDatabase } from '../database';
import { ACTIONS } from './actions';
import { ROUTES } from './routes';
import { formatReport, runFuzz } from './run';

/*
 * Hostile input against every API route and every server action (issue 13): a seeded few hundred cases
 * in each unit test run, the same fuzzer as `npm run fuzz` runs by the ten thousand. FUZZ_SEED takes
 * another seed, FUZZ_CASES runs more cases; a failure names its case number and seed, and
 * FUZZ_REPLAY=17,230 (with that seed) runs those cases alone.
 */

vi.mock('next/headers', () => import('./next-shim'));
vi.mock('next/cache', () => import('./next-shim'));
vi.mock('next/navigation', () => import('./next-shim'));

// The auth library signs session cookies with this; it must be set before first use.
process.env.BETTER_AUTH_SECRET ??= 'hostile-input-test-secret-0123456789abcdef';
process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';

setupTestDatabase();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Files under `dir` (from the project root) whose name passes `keep`, as paths from the root. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('the fuzzer’s inventory', () => {
  it('covers every method of every route handler under app/api', async () => {
    const exported: string[] = [];
    for (const file of filesUnder('app/api', (name) => /^route\.tsx?$/.test(name))) {
      const routeModule = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
      for (const method of METHODS) if (typeof routeModule[method] === 'function') exported.push(`${method} ${file}`);
    }
    expect(exported.length).toBeGreaterThan(10);
    expect(ROUTES.map((r) => `${r.method} ${r.file}`).sort()).toEqual(exported.sort());
  });

  it('covers every server action, and there are none outside lib/actions', async () => {
    const files = readdirSync(path.join(ROOT, 'lib/actions')).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f));
    const exported: string[] = [];
    for (const file of files) {
      const actions = (await import(/* @vite-ignore */ path.join(ROOT, 'lib/actions', file))) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(actions))
        if (typeof value === 'function') exported.push(`${file}#${name}`);
    }
    expect(exported.length).toBeGreaterThan(10);
    expect(ACTIONS.map((a) => a.key).sort()).toEqual(exported.sort());
    // A 'use server' module or function anywhere else would be an endpoint the fuzzer does not know.
    const elsewhere = ['app', 'components', 'lib']
      .flatMap((dir) => filesUnder(dir, (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)))
      .filter(
        (file) => !file.startsWith(`lib${path.sep}actions${path.sep}`) && !file.startsWith(`lib${path.sep}testing`),
      )
      .filter((file) => /^\s*['"]use server['"]/m.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});

// Enough for one turn of every target (the inventory above is some 130 targets, most of them four turns a round).
const cases = Number(process.env.FUZZ_CASES ?? 400);
const seed = Number(process.env.FUZZ_SEED ?? 20_131);
const replay = process.env.FUZZ_REPLAY?.split(',').map(Number);

describe('hostile input', () => {
  it(
    `gets a clear 4xx (or a 2xx for valid input) from every route and action, never a 5xx, and changes nothing it refuses (${cases} cases, seed ${seed})`,
    async () => {
      const report = await runFuzz({ cases, seed, replay, databaseUrl: inject('ownerDatabaseUrl'), timeoutMs: 30_000 });
      console.log(formatReport(report));
      if (!replay) {
        expect(report.cases).toBe(cases);
        // Every target was called.
        expect(Object.keys(report.byTarget)).toHaveLength(ROUTES.length + ACTIONS.length);
      }
      expect(
        report.failures.map((f) => `case ${f.case} (FUZZ_SEED=${seed}) ${f.target}: ${f.problem}\n    ${f.input}`),
      ).toEqual([]);
    },
    Math.max(120_000, cases * 2_000),
  );
});
