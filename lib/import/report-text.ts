/**
 * An import's report as lines of plain text, for the command line (the page renders the same report).
 */
import type { ContactImportReport } from './contacts';
import type { OfficialsImportReport } from './officials';
import type { OohLoadReport } from './ooh/load';

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

export function officialsReportLines(report: OfficialsImportReport, fileName: string): string[] {
  const lines = report.problems.map((p) => `row ${p.line}, ${p.column}: ${p.message}`);
  for (const o of report.createdOfficials) {
    lines.push(`${report.dryRun ? 'would create' : 'created'}: ${o.name} (${o.country}), /officials/${o.slug}`);
  }
  for (const o of report.updatedOfficials) {
    lines.push(
      `${report.dryRun ? 'would add to' : 'added to'} ${o.name} (/officials/${o.slug}): ${o.changes.join(', ')}`,
    );
  }
  const would = report.dryRun || report.problems.length > 0;
  lines.push(
    report.dryRun
      ? `Dry run of ${fileName}: nothing was written.`
      : report.problems.length > 0
        ? `Did not import ${fileName}: fix the problems above and import it again; nothing was written.`
        : `Imported ${fileName}.`,
  );
  lines.push(
    `${n(report.created)} officials ${would ? 'would be created' : 'created'}, ${n(report.updated)} ${would ? 'would be updated' : 'updated'}, ` +
      `${n(report.unchanged)} unchanged; ${n(report.problems.length)} problems.`,
  );
  return lines;
}

export function oohReportLines(report: OohLoadReport): string[] {
  const { officials, contacts, rejected } = report;
  return [
    ...officials.problems.map((p) => `officials, row ${p.line}, ${p.column}: ${p.message}`),
    ...contacts.problems.map((p) => `records, row ${p.line}, ${p.column}: ${p.message}`),
    ...rejected.map((r) => `not imported: ${r.file} line ${r.line} (record ${r.sourceId}): ${r.reason}`),
    `Office of the Historian records: ${n(officials.created)} officials created, ${n(officials.updated)} updated, ${n(officials.unchanged)} unchanged; ` +
      `${n(contacts.rows)} records: ${n(contacts.created)} contacts created, ${n(contacts.updated)} updated, ${n(contacts.unchanged)} unchanged; ` +
      `${n(rejected.length)} records not imported (reasons above); ${n(contacts.problemCount + officials.problems.length)} problems.`,
  ];
}
