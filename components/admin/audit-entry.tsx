import Link from 'next/link';
import { AuditUndoButton } from '@/components/admin/audit-undo-button';
import { undoMergeAction } from '@/lib/actions/merge';
import type { AuditEntry } from '@/lib/data/audit-log';
import type { ChangeLine } from '@/lib/audit/describe';
import { formatInstant } from '@/lib/format';

type Entry = AuditEntry & { undo: { canUndo: boolean; reason?: string } | null };

/** The entity types as people say them. */
const ENTITY_LABEL: Record<string, string> = {
  contact: 'contact',
  official: 'official',
  user: 'user',
  api_token: 'API token',
  context_event: 'context event',
  channel: 'channel',
};

function Line({ line }: { line: ChangeLine }) {
  const label = <span className="font-medium">{line.label}:</span>;
  if (line.kind === 'value') {
    return (
      <li className="break-words">
        {label} {line.value}
      </li>
    );
  }
  if (line.kind === 'changed') {
    return (
      <li className="break-words">
        {label} <del className="text-muted decoration-history">{line.from}</del> →{' '}
        <ins className="no-underline">{line.to}</ins>
      </li>
    );
  }
  return (
    <li className="break-words">
      {label}
      <ul className="mt-0.5 space-y-0.5 pl-4">
        {line.added.map((item, i) => (
          <li key={`a${i}`}>
            <span className="font-medium text-emerald-800 dark:text-emerald-300">added</span> {item}
          </li>
        ))}
        {line.removed.map((item, i) => (
          <li key={`r${i}`}>
            <span className="text-silence font-medium">removed</span> {item}
          </li>
        ))}
        {line.added.length + line.removed.length === 0 && <li className="text-muted">reordered</li>}
      </ul>
    </li>
  );
}

function names(entry: Entry): { duplicate: string; kept: string } {
  const before = (entry.before ?? {}) as { kept?: { name?: string }; duplicate?: { name?: string } };
  return { duplicate: before.duplicate?.name ?? 'The duplicate', kept: before.kept?.name ?? 'the official kept' };
}

/** One audit entry: when, who, how, what it touched, and the change in words. */
export function AuditEntryView({ entry }: { entry: Entry }) {
  const type = ENTITY_LABEL[entry.entityType] ?? entry.entityType.replace(/_/g, ' ');
  return (
    <li id={`entry-${entry.id}`} className="target:bg-rule/40 scroll-mt-6 py-5">
      <p className="text-muted flex flex-wrap gap-x-2 text-sm">
        <time dateTime={entry.at} className="tabular-nums">
          {formatInstant(entry.at)}
        </time>
        <span aria-hidden="true">·</span>
        <span className="break-all">
          <span className="text-ink">{entry.who.name}</span>
          {entry.who.email && ` (${entry.who.email})`}
        </span>
        <span aria-hidden="true">·</span>
        <span>via {entry.via}</span>
        <span aria-hidden="true">·</span>
        <span>#{entry.id}</span>
      </p>
      <h3 className="mt-1 text-base font-medium break-words">
        <span className="border-rule mr-2 rounded-sm border px-1.5 py-0.5 text-xs font-semibold tracking-wide uppercase">
          {entry.action}
        </span>
        {type} {entry.entity.href ? <Link href={entry.entity.href}>{entry.entity.label}</Link> : entry.entity.label}
      </h3>
      {entry.diff.summary && <p className="mt-2 text-sm">{entry.diff.summary}</p>}
      {entry.diff.lines.length > 0 && (
        <ul aria-label="Changes" className="mt-2 space-y-1 text-sm">
          {entry.diff.lines.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </ul>
      )}
      {entry.undo && (
        <AuditUndoButton
          auditId={entry.id}
          canUndo={entry.undo.canUndo}
          reason={entry.undo.reason}
          duplicateName={names(entry).duplicate}
          keptName={names(entry).kept}
          action={undoMergeAction}
        />
      )}
      <details className="mt-2 text-sm">
        <summary className="text-muted cursor-pointer">Full record</summary>
        <div className="mt-2 grid gap-2 lg:grid-cols-2">
          {(['before', 'after'] as const).map((side) => (
            <div key={side} className="min-w-0">
              <p className="text-muted text-xs font-medium tracking-wider uppercase">{side}</p>
              <pre className="bg-rule/40 mt-1 max-h-80 overflow-auto rounded p-2 text-xs">
                {entry[side] === null ? '(none)' : JSON.stringify(entry[side], null, 2)}
              </pre>
            </div>
          ))}
        </div>
      </details>
    </li>
  );
}
