import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import type { MergePreview } from '@/lib/data/merge';
import { formatDate, formatNumber } from '@/lib/format';
import { countryName } from '@/lib/validation/common';

type Official = MergePreview['kept'];

function tenure(p: { startDate: string; endDate: string | null }): string {
  return `${formatDate(p.startDate)} – ${p.endDate ? formatDate(p.endDate) : 'present'}`;
}

/** One of the two officials of a merge, as a card: names, spellings, positions, contacts. */
function OfficialCard({ official, role }: { official: Official; role: 'duplicate' | 'kept' }) {
  const headingId = `merge-${role}`;
  return (
    <section
      aria-labelledby={headingId}
      className={`min-w-0 rounded-md border px-4 py-4 ${role === 'kept' ? 'border-ink' : 'border-rule border-dashed'}`}
    >
      <p className="text-muted text-xs font-medium tracking-wider uppercase">
        {role === 'kept' ? 'Kept' : 'Duplicate: merged away'}
      </p>
      <h2 id={headingId} className="mt-1 text-lg font-semibold break-words">
        <Link href={`/officials/${official.slug}`}>{official.name}</Link> <CountryTag code={official.country} />
      </h2>
      <p className="text-muted text-sm break-all">/officials/{official.slug}</p>
      <dl className="mt-3 space-y-2 text-sm">
        <div>
          <dt className="text-muted">Other spellings</dt>
          <dd>{official.otherNames.length > 0 ? official.otherNames.join(', ') : 'None'}</dd>
        </div>
        <div>
          <dt className="text-muted">Positions</dt>
          <dd>
            {official.positions.length === 0 ? (
              'None'
            ) : (
              <ul className="space-y-1">
                {official.positions.map((p) => (
                  <li key={p.id}>
                    {p.title} <code className="text-xs">{p.officeKey}</code>
                    <span className="text-muted block tabular-nums">{tenure(p)}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Contacts</dt>
          <dd className="tabular-nums">{formatNumber(official.contactCount)}</dd>
        </div>
      </dl>
    </section>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** What a merge will do, in one sentence. */
export function mergeConsequence(preview: MergePreview): string {
  const { duplicate, kept, moves } = preview;
  const parts = [
    plural(moves.contacts, 'contact'),
    plural(moves.positions, 'position'),
    plural(moves.spellings.length, 'spelling'),
  ];
  return `${parts[0]}, ${parts[1]} and ${parts[2]} move to ${kept.name}; ${duplicate.name}’s address will redirect.`;
}

/** The two officials side by side, and exactly what the merge will move. */
export function MergePreviewView({ preview }: { preview: MergePreview }) {
  const { duplicate, kept, moves, sharedContacts } = preview;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <OfficialCard official={duplicate} role="duplicate" />
        <OfficialCard official={kept} role="kept" />
      </div>
      <section aria-labelledby="merge-effects" className="bg-rule/40 rounded-md px-4 py-4">
        <h2 id="merge-effects" className="font-semibold">
          What will happen
        </h2>
        <p className="mt-1">{mergeConsequence(preview)}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>
            {sharedContacts === 0
              ? 'They share no contact.'
              : `${plural(sharedContacts, 'contact')} list both; each will list ${kept.name} once.`}
          </li>
          {moves.spellings.length > 0 && (
            <li>
              {kept.name} will also be found as {moves.spellings.map((s) => `“${s}”`).join(', ')}.
            </li>
          )}
          {moves.droppedPositions.length > 0 && (
            <li>
              Dropped, since {kept.name} already holds the office then:{' '}
              {moves.droppedPositions.map((p) => `${p.title} (${p.officeKey}), ${tenure(p)}`).join('; ')}.
            </li>
          )}
          <li>Gap numbers will count the two as one person: their contacts with each counterpart become one series.</li>
          <li>
            /officials/{duplicate.slug} will redirect to /officials/{kept.slug}; {countryName(kept.country)} stays their
            country.
          </li>
        </ul>
      </section>
    </div>
  );
}
