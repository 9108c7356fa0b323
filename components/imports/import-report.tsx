import Link from 'next/link';
import type { ImportReport } from '@/lib/import/run';

const n = (value: number) => new Intl.NumberFormat('en-GB').format(value);

/** An import's report: what it did (or would do), every problem by row and column, and new officials. */
export function ImportReportView({
  report,
  finishedAt,
  id = 'import-report',
}: {
  report: ImportReport;
  finishedAt?: string | null;
  /** The heading's id, unique on the page (the page may show the last import's report and a new one). */
  id?: string;
}) {
  const when = finishedAt ? ` · ${new Date(finishedAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC` : '';
  if ('error' in report) {
    return (
      <section aria-labelledby={id} className="border-silence mt-8 rounded border-l-4 py-1 pl-4">
        <h2 id={id} className="text-lg font-semibold">
          {report.fileName} could not be read{when && <span className="text-muted text-sm font-normal">{when}</span>}
        </h2>
        <p className="mt-1">{report.error}</p>
        <p className="text-muted mt-1 text-sm">Nothing was written.</p>
      </section>
    );
  }
  const would = !report.written;
  const headline = report.dryRun
    ? `Dry run of ${report.fileName}: nothing was written`
    : report.written
      ? report.created + report.updated === 0
        ? `${report.fileName} was imported before: nothing changed`
        : `Imported ${report.fileName}`
      : `${report.fileName} was not imported: nothing was written`;
  const figures: [string, number][] = [
    ['rows', report.rows],
    [would ? 'would be created' : 'created', report.created],
    [would ? 'would be updated' : 'updated', report.updated],
    ['unchanged', report.unchanged],
    ['problems', report.problemCount],
  ];
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold">
        {headline}
        <span className="text-muted text-sm font-normal">
          {' '}
          · {report.seconds} s{when}
        </span>
      </h2>
      {!report.dryRun && !report.written && (
        <p className="text-silence mt-1 font-medium">
          Fix the rows below and import the file again: an import is all or nothing.
        </p>
      )}
      <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt className="text-muted text-sm">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{n(value)}</dd>
          </div>
        ))}
      </dl>
      {report.keptDeleted > 0 && (
        <p className="text-muted mt-2 text-sm">
          {n(report.keptDeleted)} rows name contacts deleted in Counterpart since: they stay deleted.
        </p>
      )}
      {report.problems.length > 0 && (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="mb-2 text-left font-medium">
              Problems
              {report.problemCount > report.problems.length &&
                ` (the first ${n(report.problems.length)} of ${n(report.problemCount)})`}
            </caption>
            <thead className="text-muted border-rule border-b">
              <tr>
                <th scope="col" className="py-1.5 pr-4 font-medium">
                  Row
                </th>
                <th scope="col" className="py-1.5 pr-4 font-medium">
                  Column
                </th>
                <th scope="col" className="py-1.5 font-medium">
                  What to fix
                </th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i} className="border-rule border-b align-top">
                  <td className="py-1.5 pr-4 tabular-nums">{p.line}</td>
                  <td className="py-1.5 pr-4 font-mono text-xs">{p.column}</td>
                  <td className="py-1.5">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.newOfficials.length > 0 && (
        <div className="mt-6">
          <h3 className="font-medium">
            {would ? 'New officials it would create' : 'New officials created'} ({n(report.newOfficials.length)})
          </h3>
          <ul className="mt-1 text-sm">
            {report.newOfficials.slice(0, 200).map((o) => (
              <li key={o.slug}>
                {would ? o.name : <Link href={`/officials/${o.slug}`}>{o.name}</Link>} ({o.country}), first on row{' '}
                {o.line}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
