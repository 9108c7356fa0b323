/**
 * What an import's progress bar says, on the command line and on the page alike: rows done, rows per second
 * and the time left, estimated from the share of the file's bytes read.
 */
export type ProgressFigures = {
  rows: number;
  bytesDone: number;
  bytesTotal: number | null;
  elapsedMs: number;
};

export function progressSummary({ rows, bytesDone, bytesTotal, elapsedMs }: ProgressFigures) {
  const fraction = bytesTotal ? Math.min(1, bytesDone / bytesTotal) : null;
  const rowsPerSecond = elapsedMs > 0 ? Math.round((rows / elapsedMs) * 1000) : 0;
  const secondsLeft =
    fraction !== null && fraction > 0.02 ? Math.max(0, Math.round((elapsedMs / fraction - elapsedMs) / 1000)) : null;
  return { fraction, rowsPerSecond, secondsLeft };
}

/** "1:05" for 65 seconds. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}

const integer = new Intl.NumberFormat('en-GB');

/** One line of text: `[#########-----------]  45%  123,456 rows  21,345 rows/s  0:12 left`. */
export function progressLine(figures: ProgressFigures, width = 24): string {
  const { fraction, rowsPerSecond, secondsLeft } = progressSummary(figures);
  const filled = fraction === null ? 0 : Math.round(fraction * width);
  const percent = fraction === null ? '' : `${String(Math.round(fraction * 100)).padStart(3)}%  `;
  const bar =
    fraction === null || width === 0 ? percent : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}`;
  const left = secondsLeft === null ? '' : `  ${formatDuration(secondsLeft)} left`;
  return `${bar}${integer.format(figures.rows)} rows  ${integer.format(rowsPerSecond)} rows/s${left}`;
}

/**
 * A running import touches its run's `updated_at` at least this often, even while no row moves (its
 * statistics step, a slow upload), so that a run whose process is gone can be told from a slow one.
 */
export const IMPORT_HEARTBEAT_MS = 5_000;

/** A run still marked running whose heartbeat is older than this has lost its process (six beats missed). */
export const IMPORT_STALE_AFTER_MS = 30_000;

/** What an import whose process stopped says, in place of its report. */
export const INTERRUPTED_IMPORT_MESSAGE =
  'The import was interrupted: the server stopped while it ran, so it did not finish. An import saves all its rows or none; import the file again (rows already in are not added twice).';
