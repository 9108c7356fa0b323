import { bin, capture, run } from './run';
import { refreshSearchKeys } from './search-keys';

/** The environment for Prisma's CLI: its telemetry off, the database given. */
function prismaEnv(url: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
}

/**
 * Applies pending migrations, each in its own transaction as `prisma migrate
 * deploy` does; a failed one is recorded as failed and nothing after it runs.
 * Then gives officials' names the search keys they lack (scripts/lib/search-keys.ts).
 * Returns an error line, or null on success.
 */
export async function migrateDeploy(url: string): Promise<string | null> {
  const { code, output } = await capture(bin('prisma'), ['migrate', 'deploy'], { env: prismaEnv(url) });
  if (code === 0) {
    try {
      await refreshSearchKeys(url);
      return null;
    } catch (error) {
      return `Computing the search keys of officials' names failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const reason =
    output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^(Error|P\d{4}|Migration|The `|A migration)/.test(line))
      .join(' ') || output.trim().split('\n').slice(-3).join(' ');
  return `Applying database migrations failed: ${reason} Your data is as it was before the failed migration; run \`npm run db:status\` for details.`;
}

/** Runs a Prisma CLI command with inherited output; resolves to its exit code. */
export function prisma(args: string[], url: string): Promise<number> {
  return run(bin('prisma'), args, { env: prismaEnv(url) });
}
