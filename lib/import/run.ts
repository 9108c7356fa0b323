/**
 * One import from start to report, as the page, the API and the command line run it: the run is recorded
 * (`import_run`) with its progress, so a page can draw the bar while the import's own transaction is still
 * open, and with its report afterwards, which the import page shows again.
 */
import { Transform, type Readable } from 'node:stream';
import type { Actor } from '../data/actor';
import { finishImportRun, recordImportProgress, startImportRun } from '../data/imports';
import { importContacts, type ContactImportReport, type ImportProgress } from './contacts';
import { CONTACT_CSV, type ImportRow, type RowProblem } from './contract';
import { csvRows, ImportFileError } from './csv';
import { ploverRows } from './plover';
import { IMPORT_HEARTBEAT_MS } from './progress';

/** What an import page or client may upload: larger files go through the command line. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const IMPORT_MAX_LABEL = '100 MB';

/** Contacts as CSV (the contract in lib/import/contract.ts), or as PLOVER JSON Lines (lib/import/plover.ts). */
export const IMPORT_KINDS = ['contacts', 'plover'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportRequest = {
  id: string;
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  createOfficials: boolean;
  actor: Actor;
  bytesTotal: number | null;
  input: Readable;
  /** Called as rows go by (the command line's progress bar); the run's record is kept either way. */
  onProgress?: (figures: { rows: number; bytesDone: number; phase: ImportProgress['phase'] }) => void;
};

/** A file the import could not read: its one message, as the report. */
export type FailedImportReport = { kind: ImportKind; fileName: string; dryRun: boolean; error: string };
export type ImportReport = ContactImportReport | FailedImportReport;

/** How often the run's progress is written for pollers. */
const PROGRESS_EVERY_MS = 500;

export async function runImport(request: ImportRequest): Promise<ImportReport> {
  await startImportRun({
    id: request.id,
    kind: request.kind,
    fileName: request.fileName,
    dryRun: request.dryRun,
    userId: request.actor.userId,
    bytesTotal: request.bytesTotal,
  });
  let bytesDone = 0;
  let rows = 0;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const onProgress = ({ rows: done, phase }: ImportProgress) => {
    rows = done;
    request.onProgress?.({ rows, bytesDone, phase });
    const now = performance.now();
    if (now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    // One write at a time, never awaited by the import: a slow poller's table must not slow it.
    writing = writing.then(() => recordImportProgress(request.id, { rowsDone: rows, bytesDone }).catch(() => {}));
  };
  // The heartbeat: while this process lives the run is fresh, so readers can tell a run whose process died.
  const heartbeat = setInterval(() => {
    writing = writing.then(() => recordImportProgress(request.id, { rowsDone: rows, bytesDone }).catch(() => {}));
  }, IMPORT_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    // Bytes are counted as the reader takes them (a Transform holds back until it is read).
    const counted = request.input.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytesDone += chunk.length;
          done(null, chunk);
        },
      }),
    );
    request.input.on('error', (error) => counted.destroy(error));
    const rows =
      request.kind === 'plover'
        ? withReaderProblems((onProblem) => ploverRows(counted, { onProblem }))
        : csvRows(counted, CONTACT_CSV);
    const report = await importContacts(rows, {
      fileName: request.fileName,
      dryRun: request.dryRun,
      createOfficials: request.createOfficials,
      actor: request.actor,
      onProgress,
    });
    await writing;
    await finishImportRun(request.id, { status: 'DONE', rowsDone: report.rows, bytesDone, report });
    return report;
  } catch (error) {
    await writing;
    const message =
      error instanceof ImportFileError
        ? error.message
        : 'The import failed and wrote nothing; try again, and tell an administrator if it fails again.';
    const report: FailedImportReport = {
      kind: request.kind,
      fileName: request.fileName,
      dryRun: request.dryRun,
      error: message,
    };
    await finishImportRun(request.id, { status: 'FAILED', rowsDone: rows, bytesDone, report }).catch(() => {});
    if (error instanceof ImportFileError) return report;
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * The rows of a reader that reports what it cannot read through a callback (PLOVER's bad lines), with
 * those problems as rows of their own, in order, so the importer counts them and writes nothing.
 */
async function* withReaderProblems(
  read: (onProblem: (problem: RowProblem) => void) => AsyncIterable<ImportRow>,
): AsyncGenerator<ImportRow> {
  const pending: RowProblem[] = [];
  const flush = () => pending.splice(0).map((problem) => ({ line: problem.line, cells: {}, problems: [problem] }));
  for await (const row of read((problem) => pending.push(problem))) {
    yield* flush();
    yield row;
  }
  yield* flush();
}
