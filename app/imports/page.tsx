import type { Metadata } from 'next';
import { ImportForm } from '@/components/imports/import-form';
import { ImportReportView } from '@/components/imports/import-report';
import { can } from '@/lib/auth/permissions';
import { requirePermittedPage } from '@/lib/auth/session';
import { latestImportRun } from '@/lib/data/imports';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '@/lib/import/contract';
import { IMPORT_MAX_BYTES, IMPORT_MAX_LABEL, type ImportReport } from '@/lib/import/run';

export const metadata: Metadata = {
  title: 'Import contacts',
  description: 'Import contacts from a CSV file: a dry run lists every problem by row and column first.',
};

const COLUMN_NOTES: Record<string, string> = {
  external_id: 'your own id for the row: importing the file again updates, never duplicates',
  date: 'YYYY-MM-DD (YYYY-MM or YYYY with a month or year precision)',
  type: 'CALL, VIDEO_CALL, MEETING, LETTER, HOTLINE or OTHER, in any case',
  status: 'HELD, REQUESTED, REFUSED, SCHEDULED or CANCELLED',
  participant_a:
    'a name or any recorded spelling, a slug or a Wikidata id; empty: officials of that country, not named',
  country_a: 'the participant’s country, two letters (US, RU)',
  source_url: 'the readout or report the row comes from',
  date_precision: 'DAY (the default), MONTH or YEAR',
  initiator: 'a, b, … or a participant as the row names them',
  duration_minutes: 'whole minutes, up to a week',
  location: 'the city or place',
  summary: 'what was said or done, as plain text',
  topics: 'separated by ;',
  source_publisher: 'who published the source, e.g. U.S. Department of Defense',
  source_title: 'the source’s title',
  source_published_at: 'when it was published, YYYY-MM-DD',
  source_quote: 'the words of the source that report the contact',
};

export default async function ImportsPage() {
  const user = await requirePermittedPage('contact:create', '/imports');
  const last = await latestImportRun(user.id);
  return (
    <div className="max-w-4xl">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight">Import contacts</h1>
        <p className="text-muted mt-3 max-w-2xl leading-relaxed">
          Bring a spreadsheet of calls, meetings and refusals in at once. A dry run checks every row against the
          officials Counterpart knows and lists each problem by row and column; the import itself is all or nothing, and
          importing the same file again changes nothing.
        </p>
        <p className="mt-3">
          <a href="/imports/template.csv" download>
            Download the template
          </a>{' '}
          <span className="text-muted">(the header and three example rows)</span>
        </p>
      </header>

      <ImportForm
        maxBytes={IMPORT_MAX_BYTES}
        maxLabel={IMPORT_MAX_LABEL}
        mayCreateOfficials={can(user.role, 'official:create')}
      />

      {last?.report != null && (
        <div className="border-rule mt-10 border-t pt-2">
          <p className="text-muted mt-4 text-sm font-medium tracking-wide uppercase">Your last import</p>
          <ImportReportView report={last.report as ImportReport} finishedAt={last.finishedAt} id="last-import-report" />
        </div>
      )}

      <section aria-labelledby="format" className="border-rule mt-12 border-t pt-6">
        <h2 id="format" className="text-xl font-semibold">
          The format
        </h2>
        <p className="text-muted mt-2 max-w-2xl text-sm leading-relaxed">
          A CSV file in UTF-8 whose first line names the columns, in any order. Further participants go in{' '}
          <code>participant_c</code>, <code>country_c</code> and so on. Larger files, and every option, are on the
          command line: <code>npm run cli -- import contacts FILE --dry-run</code>, which also reads PLOVER event data (
          <code>import plover FILE</code>). Scripts send the same file, with an API token, to{' '}
          <code>POST /api/imports?kind=contacts&amp;id=…&amp;fileName=…</code>.
        </p>
        <table className="mt-4 w-full text-left text-sm">
          <thead className="text-muted border-rule border-b">
            <tr>
              <th scope="col" className="py-1.5 pr-4 font-medium">
                Column
              </th>
              <th scope="col" className="py-1.5 pr-4 font-medium">
                Need
              </th>
              <th scope="col" className="py-1.5 font-medium">
                What goes in it
              </th>
            </tr>
          </thead>
          <tbody>
            {[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].map((column) => (
              <tr key={column} className="border-rule border-b align-top">
                <td className="py-1.5 pr-4 font-mono text-xs">{column}</td>
                <td className="text-muted py-1.5 pr-4 text-xs">
                  {(REQUIRED_COLUMNS as readonly string[]).includes(column) ? 'required' : 'optional'}
                </td>
                <td className="py-1.5">{COLUMN_NOTES[column] ?? COLUMN_NOTES[column.replace(/_b$/, '_a')] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
