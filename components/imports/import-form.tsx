'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { PendingLabel, ProgressStatus } from '@/components/ui/progress';
import { progressLine, progressSummary } from '@/lib/import/progress';
import type { ImportReport } from '@/lib/import/run';
import { ImportReportView } from './import-report';

type Progress = { rows: number; bytesDone: number; bytesTotal: number; startedAt: number; now: number };

/**
 * Choose a file, dry-run or import it, and watch it go: the file is sent as it is read (nothing is
 * parsed in the browser), and the bar polls the import's progress until the report arrives. A file over
 * the size limit is refused here, before a byte is read.
 */
export function ImportForm({
  maxBytes,
  maxLabel,
  mayCreateOfficials,
}: {
  maxBytes: number;
  maxLabel: string;
  mayCreateOfficials: boolean;
}) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [createOfficials, setCreateOfficials] = useState(false);
  const [running, setRunning] = useState<'dry' | 'real' | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);

  function clearPoll() {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  }
  // Leaving the page stops the polling (the import itself goes on, and its report is kept).
  useEffect(
    () => () => {
      if (poll.current) clearInterval(poll.current);
    },
    [],
  );

  function choose(chosen: File | null) {
    setReport(null);
    setError(null);
    if (chosen && chosen.size > maxBytes) {
      setFile(null);
      setFileError(
        `This file is ${formatBytes(chosen.size)}: the page takes files up to ${maxLabel}. Import larger files from the command line (npm run cli -- import contacts FILE).`,
      );
      return;
    }
    setFileError(chosen && chosen.size === 0 ? 'This file is empty.' : null);
    setFile(chosen);
  }

  async function start(dryRun: boolean) {
    if (!file) {
      setFileError('Choose a CSV file first.');
      return;
    }
    const id = crypto.randomUUID();
    const startedAt = Date.now();
    setRunning(dryRun ? 'dry' : 'real');
    setReport(null);
    setError(null);
    setProgress({ rows: 0, bytesDone: 0, bytesTotal: file.size, startedAt, now: startedAt });
    poll.current = setInterval(async () => {
      const response = await fetch(`/api/imports/${id}`, { cache: 'no-store' }).catch(() => null);
      if (!response?.ok) return;
      const run = (await response.json()) as { rowsDone: number; bytesDone: number };
      setProgress((p) => p && { ...p, rows: run.rowsDone, bytesDone: run.bytesDone, now: Date.now() });
    }, 500);
    const query = new URLSearchParams({
      kind: 'contacts',
      id,
      fileName: file.name,
      dryRun: String(dryRun),
      createOfficials: String(createOfficials),
    });
    try {
      const response = await fetch(`/api/imports?${query}`, {
        method: 'POST',
        body: file,
        headers: { 'Content-Type': 'text/csv', 'X-Counterpart-Import': '1' },
      });
      const body = await response.json().catch(() => null);
      if (body?.report) setReport(body.report);
      else if (response.ok) setReport(body);
      else setError(body?.error?.message ?? `The import failed (HTTP ${response.status}); nothing was written.`);
    } catch {
      setError('The connection broke off during the import: nothing was written unless the report says so. Try again.');
    } finally {
      clearPoll();
      setRunning(null);
      setProgress(null);
    }
  }

  const figures = progress && {
    rows: progress.rows,
    bytesDone: progress.bytesDone,
    bytesTotal: progress.bytesTotal,
    elapsedMs: progress.now - progress.startedAt,
  };
  const fraction = figures ? (progressSummary(figures).fraction ?? 0) : 0;

  return (
    <div>
      <div className="border-rule rounded border p-5">
        <label htmlFor={fileId} className="block text-sm font-medium">
          CSV file of contacts
        </label>
        <p id={`${fileId}-hint`} className="text-muted mt-0.5 text-sm">
          UTF-8, with the header of the template; up to {maxLabel}.
        </p>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-error` : ''}`}
          aria-invalid={fileError ? true : undefined}
          disabled={running !== null}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          className="mt-2 block text-sm"
        />
        {fileError && (
          <p id={`${fileId}-error`} className="text-silence mt-1.5 text-sm font-medium">
            <span className="sr-only">Error: </span>
            {fileError}
          </p>
        )}
        <label className="mt-4 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={createOfficials}
            disabled={!mayCreateOfficials || running !== null}
            onChange={(event) => setCreateOfficials(event.target.checked)}
          />
          <span>
            Create officials the file names but Counterpart does not know, in the country given
            {!mayCreateOfficials && <span className="text-muted"> (admins only)</span>}
          </span>
        </label>
        <div className="mt-5 flex flex-wrap gap-3">
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={running !== null}
            onClick={() => start(true)}
          >
            <PendingLabel pending={running === 'dry'}>
              {running === 'dry' ? 'Checking…' : 'Dry run: check, write nothing'}
            </PendingLabel>
          </button>
          <button
            type="button"
            className={buttonClass.primary}
            disabled={running !== null}
            onClick={() => start(false)}
          >
            <PendingLabel pending={running === 'real'}>{running === 'real' ? 'Importing…' : 'Import'}</PendingLabel>
          </button>
        </div>
      </div>

      {figures && (
        <div className="mt-6">
          <ProgressStatus
            label={running === 'dry' ? 'Dry run progress' : 'Import progress'}
            fraction={fraction}
            textTestId="import-progress"
          >
            {progressLine(figures, 0).trim()}
          </ProgressStatus>
        </div>
      )}
      {error && (
        <p role="alert" className="text-silence mt-6 font-medium">
          {error}
        </p>
      )}
      {report && <ImportReportView report={report} />}
    </div>
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
