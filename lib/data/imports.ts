import 'server-only';
import { getDb } from '../db';
import { IMPORT_STALE_AFTER_MS, INTERRUPTED_IMPORT_MESSAGE } from '../import/progress';

/**
 * Import runs: each import's progress while it runs and its report afterwards (`import_run`). Progress is
 * written on the pool's own connections, outside the import's transaction, so a page polling it sees the
 * rows move while nothing of the import itself is visible yet.
 */

export type ImportRunView = {
  id: string;
  kind: string;
  fileName: string;
  dryRun: boolean;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  rowsDone: number;
  bytesDone: number;
  bytesTotal: number | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  report: unknown;
};

type RunRow = Awaited<ReturnType<ReturnType<typeof getDb>['importRun']['findFirst']>>;

function view(run: NonNullable<RunRow>): ImportRunView {
  return {
    id: run.id,
    kind: run.kind,
    fileName: run.fileName,
    dryRun: run.dryRun,
    status: run.status as ImportRunView['status'],
    rowsDone: run.rowsDone,
    bytesDone: Number(run.bytesDone),
    bytesTotal: run.bytesTotal === null ? null : Number(run.bytesTotal),
    startedAt: run.startedAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    report: run.report,
  };
}

export async function startImportRun(run: {
  id: string;
  kind: string;
  fileName: string;
  dryRun: boolean;
  userId: string | null;
  bytesTotal: number | null;
}): Promise<void> {
  await getDb().importRun.create({ data: { ...run, status: 'RUNNING', bytesTotal: run.bytesTotal } });
}

export async function recordImportProgress(id: string, progress: { rowsDone: number; bytesDone: number }) {
  await getDb().importRun.update({
    where: { id },
    data: { rowsDone: progress.rowsDone, bytesDone: progress.bytesDone, updatedAt: new Date() },
  });
}

export async function finishImportRun(
  id: string,
  outcome: { status: 'DONE' | 'FAILED'; rowsDone: number; bytesDone: number; report: object },
) {
  const now = new Date();
  await getDb().importRun.update({
    where: { id },
    data: { ...outcome, report: outcome.report, updatedAt: now, finishedAt: now },
  });
}

/**
 * Marks as failed the runs still said to be running whose heartbeat stopped (lib/import/run.ts beats every
 * few seconds while its process lives): their process was killed or the machine stopped, and their
 * transaction died with it. Run before a run is read, so no page or poller waits forever on one.
 */
export async function markInterruptedImportRuns(): Promise<number> {
  const now = new Date();
  const stale = await getDb().importRun.findMany({
    where: { status: 'RUNNING', updatedAt: { lt: new Date(now.getTime() - IMPORT_STALE_AFTER_MS) } },
    select: { id: true, kind: true, fileName: true, dryRun: true },
  });
  let marked = 0;
  for (const run of stale) {
    const report = { kind: run.kind, fileName: run.fileName, dryRun: run.dryRun, error: INTERRUPTED_IMPORT_MESSAGE };
    // Only if it is still running and still silent: a heartbeat that just arrived keeps it alive.
    const { count } = await getDb().importRun.updateMany({
      where: { id: run.id, status: 'RUNNING', updatedAt: { lt: new Date(now.getTime() - IMPORT_STALE_AFTER_MS) } },
      data: { status: 'FAILED', report, updatedAt: now, finishedAt: now },
    });
    marked += count;
  }
  return marked;
}

/** A run of this user's (an admin sees anyone's), or null. */
export async function getImportRun(id: string, user: { id: string; isAdmin: boolean }): Promise<ImportRunView | null> {
  // Best effort: a database that refuses writes (read-only) still shows the runs as they are.
  await markInterruptedImportRuns().catch(() => 0);
  const run = await getDb().importRun.findFirst({ where: { id, ...(user.isAdmin ? {} : { userId: user.id }) } });
  return run && view(run);
}

/** The user's latest finished run, for the import page to show its report again. */
export async function latestImportRun(userId: string): Promise<ImportRunView | null> {
  await markInterruptedImportRuns().catch(() => 0);
  const run = await getDb().importRun.findFirst({
    where: { userId, status: { not: 'RUNNING' } },
    orderBy: { startedAt: 'desc' },
  });
  return run && view(run);
}
