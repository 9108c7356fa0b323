/**
 * An import's report as lines of plain text, for the command line (the page renders the same report).
 */
import type { ContactImportReport } from './contacts';

const n = (value: number) => new Intl.NumberFormat('en-GB').format(value);

export function contactReportLines(report: ContactImportReport): string[] {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`row ${p.line}, ${p.column}: ${p.message}`);
  if (report.problemCount > report.problems.length) {
    lines.push(`… and ${n(report.problemCount - report.problems.length)} more problems`);
  }
  for (const o of report.newOfficials) {
    lines.push(`new official: ${o.name} (${o.country}), /officials/${o.slug} (first named on row ${o.line})`);
  }
  const would = !report.written;
  const verb = (done: string, planned: string) => (would ? planned : done);
  const counts =
    `${n(report.created)} ${verb('created', 'would be created')}, ${n(report.updated)} ${verb('updated', 'would be updated')}, ` +
    `${n(report.unchanged)} unchanged` +
    (report.keptDeleted > 0 ? `, ${n(report.keptDeleted)} deleted in Counterpart and left deleted` : '') +
    (report.newOfficials.length > 0 ? `; ${n(report.newOfficials.length)} new officials` : '');
  const head = report.dryRun
    ? `Dry run of ${report.fileName}: nothing was written.`
    : report.written
      ? report.created + report.updated === 0
        ? `Imported ${report.fileName}: nothing changed, it was all imported before.`
        : `Imported ${report.fileName}.`
      : `Did not import ${report.fileName}: fix the problems above and import it again; nothing was written.`;
  lines.push(head);
  lines.push(
    `${n(report.rows)} rows in ${report.seconds} s: ${counts}; ${n(report.problemCount)} problem${report.problemCount === 1 ? '' : 's'}.`,
  );
  return lines;
}
