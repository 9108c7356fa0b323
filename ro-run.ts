import { analyseReadout } from './lib/readouts/analyse';
import { FIXTURE_OFFICIALS } from './lib/readouts/fixtures/officials';
import { READOUT_FIXTURES } from './lib/readouts/fixtures/readouts';
const officials = FIXTURE_OFFICIALS.map((o) => ({ id: o.slug, slug: o.slug, name: o.name, country: o.country, spellings: [o.name, ...o.otherNames], positions: o.positions.map((p) => ({ title: p.title, officeKey: p.officeKey, startDate: p.startDate, endDate: p.endDate ?? null })) }));
for (const f of READOUT_FIXTURES) {
  const a = analyseReadout({ text: f.text, url: f.url, publishedAt: f.publishedAt, today: '2026-01-01', officials });
  const p = a.proposal;
  const got = { date: p.date?.value.date, participants: p.participants.map((x) => x.value.slug), type: p.type?.value, status: p.status?.value, initiator: p.initiator?.value.id ?? null, durationMinutes: p.durationMinutes?.value ?? null, location: p.location?.value ?? null, publisher: p.source.publisher?.value ?? null };
  const diffs = Object.entries(f.expected).filter(([k, v]) => JSON.stringify(k === 'participants' ? [...(v as string[])].sort() : v) !== JSON.stringify(k === 'participants' ? [...(got as any)[k]].sort() : (got as any)[k]));
  if (diffs.length) console.log(f.id, diffs.map(([k, v]) => `${k}: want ${JSON.stringify(v)} got ${JSON.stringify((got as any)[k])}`).join(' | '));
}
