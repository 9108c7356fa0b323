import type { FieldErrors } from '../errors';

/*
 * The admin's official form as the browser holds it: every field a string,
 * spellings and links one per line, positions as rows. Shared by the form
 * (components/admin/official-form/) and its actions (lib/actions/officials.ts).
 */

export type PositionRow = {
  /** A stable key for React; not sent to the server's data layer. */
  key: string;
  officeKey: string;
  title: string;
  organisation: string;
  startDate: string;
  endDate: string;
};

/** What to do with the photo on save. */
export type PhotoChoice = 'keep' | 'upload' | 'url' | 'remove';

export type OfficialFormValues = {
  name: string;
  country: string;
  otherNames: string;
  wikidataId: string;
  bio: string;
  links: string;
  photoChoice: PhotoChoice;
  photoUrl: string;
  positions: PositionRow[];
};

/** What an official's photo is now: uploaded (with its address on this site), elsewhere, or none. */
export type PhotoState = { kind: 'stored'; src: string } | { kind: 'url'; src: string } | { kind: 'none' };

export type OfficialFormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: OfficialFormValues;
  /** After a save: the official as saved. */
  saved?: { slug: string; name: string; version: number; reresolved: number; photo: PhotoState };
  /** Someone else saved first: the official as it now stands, to compare and build on. */
  conflict?: { message: string; version: number; current: OfficialFormValues; photo: PhotoState };
  /** After a delete. */
  deleted?: { name: string };
};

let rowCounter = 0;

/** A fresh key for a new positions row. */
export function rowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyPosition(key = rowKey()): PositionRow {
  return { key, officeKey: '', title: '', organisation: '', startDate: '', endDate: '' };
}

export function emptyOfficialValues(): OfficialFormValues {
  return {
    name: '',
    country: '',
    otherNames: '',
    wikidataId: '',
    bio: '',
    links: '',
    photoChoice: 'keep',
    photoUrl: '',
    positions: [],
  };
}

const SCALARS = ['name', 'country', 'otherNames', 'wikidataId', 'bio', 'links', 'photoUrl'] as const;
const POSITION_FIELDS = ['officeKey', 'title', 'organisation', 'startDate', 'endDate'] as const;
const PHOTO_CHOICES: readonly PhotoChoice[] = ['keep', 'upload', 'url', 'remove'];

/** The submitted form as values; positions rows come as `positions.N.field`, in N order. */
export function formDataToValues(formData: FormData): OfficialFormValues {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === 'string' ? value : '';
  };
  const values = emptyOfficialValues();
  for (const key of SCALARS) values[key] = text(key);
  const choice = text('photoChoice') as PhotoChoice;
  values.photoChoice = PHOTO_CHOICES.includes(choice) ? choice : 'keep';
  const indexes = new Set<number>();
  for (const key of formData.keys()) {
    const match = /^positions\.(\d+)\./.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  values.positions = [...indexes]
    .sort((a, b) => a - b)
    .slice(0, 100)
    .map((i) => {
      const row = emptyPosition(text(`positions.${i}.key`) || rowKey());
      for (const field of POSITION_FIELDS) row[field] = text(`positions.${i}.${field}`);
      return row;
    });
  return values;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The values as the schema's input (ZOfficialInput). A row left wholly empty
 * is dropped, so an added row that was not used does not block the save.
 */
export function valuesToInput(values: OfficialFormValues): Record<string, unknown> {
  const usesUrl = values.photoChoice === 'url' || values.photoChoice === 'keep';
  return {
    name: values.name,
    country: values.country,
    otherNames: lines(values.otherNames),
    wikidataId: values.wikidataId,
    bio: values.bio,
    links: lines(values.links),
    photoUrl: usesUrl ? values.photoUrl.trim() : '',
    positions: values.positions.map((row) => ({
      officeKey: row.officeKey,
      title: row.title,
      organisation: row.organisation,
      startDate: row.startDate,
      endDate: row.endDate,
    })),
  };
}

/** Indexes of the rows that carry anything; the schema sees only these, so field errors are renumbered back. */
export function usedRows(values: OfficialFormValues): number[] {
  return values.positions.flatMap((row, i) => (POSITION_FIELDS.some((f) => row[f].trim() !== '') ? [i] : []));
}

/** An official as the form shows it for editing. */
export function valuesFromOfficial(official: {
  name: string;
  country: string;
  otherNames: string[];
  wikidataId: string | null;
  bio: string | null;
  links: string[];
  photoUrl: string | null;
  positions: {
    officeKey: string;
    title: string;
    organisation?: string | null;
    startDate: string;
    endDate?: string | null;
  }[];
}): OfficialFormValues {
  return {
    name: official.name,
    country: official.country,
    otherNames: official.otherNames.join('\n'),
    wikidataId: official.wikidataId ?? '',
    bio: official.bio ?? '',
    links: official.links.join('\n'),
    photoChoice: 'keep',
    photoUrl: official.photoUrl ?? '',
    positions: official.positions.map((p, i) => ({
      key: `saved-${i}-${p.officeKey}-${p.startDate}`,
      officeKey: p.officeKey,
      title: p.title,
      organisation: p.organisation ?? '',
      startDate: p.startDate,
      endDate: p.endDate ?? '',
    })),
  };
}

/** The form's id of a field (`positions.0.startDate` → `official-positions-0-startDate`). */
export function officialFieldId(key: string): string {
  return `official-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

const LABELS: Record<string, string> = {
  name: 'Name',
  country: 'Country',
  otherNames: 'Other spellings',
  wikidataId: 'Wikidata id',
  bio: 'Short bio',
  links: 'Links',
  photo: 'Photo',
  photoUrl: 'Photo address',
  positions: 'Positions',
  officeKey: 'office key',
  title: 'title',
  organisation: 'organisation',
  startDate: 'start date',
  endDate: 'end date',
};

/** A field's name for the error summary: "Position 2, start date". */
export function officialFieldLabel(key: string): string {
  const position = /^positions\.(\d+)\.(\w+)$/.exec(key);
  if (position) return `Position ${Number(position[1]) + 1}, ${LABELS[position[2]] ?? position[2]}`;
  const list = /^(otherNames|links)\.(\d+)$/.exec(key);
  if (list) return `${LABELS[list[1]]}, line ${Number(list[2]) + 1}`;
  return LABELS[key] ?? key;
}

/** The fields the conflict notice compares, in form order. */
export const COMPARED: readonly (keyof OfficialFormValues)[] = [
  'name',
  'country',
  'otherNames',
  'wikidataId',
  'bio',
  'links',
  'photoUrl',
  'positions',
];

/** A field's value as text, for comparing and showing versions side by side. */
export function describeValue(values: OfficialFormValues, field: keyof OfficialFormValues): string {
  if (field === 'positions') {
    return values.positions
      .filter((p) => p.officeKey || p.title || p.startDate)
      .map((p) => `${p.officeKey} ${p.title}, ${p.startDate || '?'} – ${p.endDate || 'present'}`)
      .join('; ');
  }
  const value = values[field];
  return typeof value === 'string' ? lines(value).join(', ') : '';
}
