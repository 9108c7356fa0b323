import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { ContactList } from '@/components/contact-list';
import { CountryTag } from '@/components/country-tag';
import { SilenceList } from '@/components/silence-list';
import { listContacts } from '@/lib/data/contacts';
import { getOfficialBySlug } from '@/lib/data/officials';
import { listCounterparts } from '@/lib/data/pairs';
import { ZContactFilters } from '@/lib/validation/filters';
import { formatDate } from '@/lib/format';
import { countryName } from '@/lib/validation/common';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const official = await getOfficialBySlug((await params).slug);
  if (!official) return { title: 'Official not found' };
  const office = official.positions[0];
  return {
    title: official.name,
    description: `${official.name}${office ? `, ${office.title}` : ''} (${countryName(official.country)}): positions and contacts on Counterpart.`,
  };
}

export default async function OfficialPage({ params }: Props) {
  const official = await getOfficialBySlug((await params).slug);
  if (!official) notFound();
  if (official.mergedInto) permanentRedirect(`/officials/${official.mergedInto.slug}`);
  const [counterparts, contacts] = await Promise.all([
    listCounterparts(official.id),
    listContacts(ZContactFilters.parse({ official: official.id, pageSize: 20 })),
  ]);

  return (
    <article className="max-w-3xl">
      <header className="flex items-start gap-5">
        {official.photoSrc && (
          // A plain img: the photo is served by this app or lives at an address an admin gave.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={official.photoSrc}
            alt={`Portrait of ${official.name}`}
            width={96}
            height={120}
            className="bg-rule h-[7.5rem] w-24 shrink-0 rounded-sm object-cover"
          />
        )}
        <div className="min-w-0">
          <p className="text-muted flex items-center gap-2 text-sm">
            <CountryTag code={official.country} /> {countryName(official.country)}
          </p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight">{official.name}</h1>
          {official.aliases.length > 0 && (
            <p className="text-muted mt-2 text-sm">Also written {official.aliases.join(', ')}</p>
          )}
        </div>
      </header>
      {official.bio && <p className="mt-4">{official.bio}</p>}
      {official.links.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm">
          {official.links.map((link) => (
            <li key={link} className="break-all">
              <a href={link} rel="noopener noreferrer">
                {link.replace(/^https?:\/\//, '')}
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2 className="text-muted mt-10 mb-3 text-sm font-medium tracking-wider uppercase">Positions</h2>
      <ol className="divide-rule border-rule divide-y border-y">
        {official.positions.map((p) => (
          <li key={`${p.officeKey}-${p.startDate}`} className="py-3">
            <p className="font-medium">{p.title}</p>
            <p className="text-muted text-sm tabular-nums">
              {formatDate(p.startDate)} – {p.endDate ? formatDate(p.endDate) : 'present'}
              {p.organisation && ` · ${p.organisation}`} ·{' '}
              <Link href={`/offices/${encodeURIComponent(p.officeKey)}`} title="Every holder of this office">
                <code>{p.officeKey}</code>
              </Link>
            </p>
          </li>
        ))}
      </ol>
      <h2 className="text-muted mt-10 mb-3 text-sm font-medium tracking-wider uppercase">Counterparts</h2>
      {counterparts.length === 0 ? (
        <p className="text-muted text-sm">No contact with an official of another country is recorded yet.</p>
      ) : (
        <SilenceList pairs={counterparts} />
      )}

      <h2 className="text-muted mt-10 mb-3 text-sm font-medium tracking-wider uppercase">
        Contacts{contacts.total > contacts.items.length && ` (latest ${contacts.items.length} of ${contacts.total})`}
      </h2>
      {contacts.items.length === 0 ? (
        <p className="text-muted text-sm">None recorded yet.</p>
      ) : (
        <ContactList contacts={contacts.items} />
      )}
      <p className="mt-4 text-sm">
        <Link href={`/search?official=${official.slug}`}>Every contact of {official.name} →</Link>
      </p>

      {official.wikidataId && (
        <p className="text-muted mt-6 text-sm">
          Wikidata: <a href={`https://www.wikidata.org/wiki/${official.wikidataId}`}>{official.wikidataId}</a>
        </p>
      )}
    </article>
  );
}
