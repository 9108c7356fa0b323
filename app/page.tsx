import { connection } from 'next/server';
import { ContactList } from '@/components/contact-list';
import { PairCard } from '@/components/pair-card';
import { listLatestContacts } from '@/lib/data/contacts';
import { listOfficialPairOverviews } from '@/lib/data/gaps';
import { formatDate, formatDays } from '@/lib/format';

export default async function HomePage() {
  await connection();
  const [pairs, latest] = await Promise.all([listOfficialPairOverviews(), listLatestContacts()]);
  const lead = pairs[0];

  if (lead === undefined) {
    return (
      <section className="max-w-xl">
        <h1 className="text-3xl font-semibold tracking-tight">No contacts recorded yet</h1>
        <p className="text-muted mt-3">
          Counterpart shows the silences between officials once contacts are logged. Load the demo data with{' '}
          <code className="bg-rule rounded px-1">npm run db:seed</code>.
        </p>
      </section>
    );
  }

  const leadSilence = lead.series.currentSilence;
  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <section aria-labelledby="silences">
        <p className="text-muted text-sm font-medium tracking-wider uppercase">Longest running silence</p>
        <h1 id="silences" className="mt-2 max-w-2xl text-3xl leading-tight font-semibold tracking-tight sm:text-4xl">
          {leadSilence
            ? `${formatDays(leadSilence.days)} since ${lead.a.name} and ${lead.b.name} last spoke`
            : `${lead.a.name} and ${lead.b.name} have never held a contact`}
        </h1>
        <p className="text-muted mt-3 max-w-2xl">
          A silence is the time between two held contacts of a pair of officials — calls, meetings, letters — counted in
          calendar days. Sought and refused contacts do not end it.
          {leadSilence && ` The last one was on ${formatDate(leadSilence.since)}.`}
        </p>
        <h2 className="text-muted mt-10 mb-6 text-sm font-medium tracking-wider uppercase">Pairs of officials</h2>
        {pairs.map(({ series, a, b }) => (
          <PairCard key={`${a.slug}-${b.slug}`} series={series} a={a} b={b} />
        ))}
      </section>
      <aside aria-labelledby="latest">
        <h2 id="latest" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
          Latest contacts
        </h2>
        <ContactList contacts={latest} />
      </aside>
    </div>
  );
}
