import 'server-only';
import { getDb } from '../db';
import { isoFromDb, isoFromDbOrNull } from './dates';

/** An office by its key (`US:SECDEF`), or null when no position names it. */
export async function getOffice(key: string) {
  return getDb().office.findUnique({
    where: { key },
    select: { key: true, country: true, title: true, organisation: true },
  });
}

const officeSelect = {
  key: true,
  country: true,
  title: true,
  organisation: true,
  positions: {
    orderBy: [{ startDate: 'asc' as const }, { id: 'asc' as const }],
    select: {
      title: true,
      startDate: true,
      endDate: true,
      official: { select: { slug: true, name: true } },
    },
  },
};

type OfficeRecord = {
  key: string;
  country: string;
  title: string;
  organisation: string | null;
  positions: { title: string; startDate: Date; endDate: Date | null; official: { slug: string; name: string } }[];
};

function withHolders(office: OfficeRecord) {
  const { positions, ...rest } = office;
  return {
    ...rest,
    holders: positions.map((p) => ({
      slug: p.official.slug,
      name: p.official.name,
      title: p.title,
      startDate: isoFromDb(p.startDate),
      endDate: isoFromDbOrNull(p.endDate),
    })),
  };
}

/** An office with its holders, oldest tenure first. */
export type OfficeWithHolders = ReturnType<typeof withHolders>;

/** Every office with its holders, oldest tenure first, by country then key. */
export async function listOfficesWithHolders(): Promise<OfficeWithHolders[]> {
  const offices = await getDb().office.findMany({
    orderBy: [{ country: 'asc' }, { key: 'asc' }],
    select: officeSelect,
  });
  return offices.map(withHolders);
}

/** One office with its holders, or null. */
export async function getOfficeWithHolders(key: string): Promise<OfficeWithHolders | null> {
  const office = await getDb().office.findUnique({ where: { key }, select: officeSelect });
  return office && withHolders(office);
}
