import { describe, expect, it } from 'vitest';
import { formatInstant } from '../format';
import { auditDiffText, describeAuditChange, lineText } from './describe';

const contact = {
  id: 'c1',
  version: 1,
  date: '2022-05-13',
  datePrecision: 'DAY',
  type: 'CALL',
  status: 'HELD',
  participants: ['lloyd-austin', 'sergei-shoigu'],
  initiator: null,
  durationMinutes: null,
  location: null,
  summary: 'Austin urged an immediate ceasefire.',
  topics: ['ukraine'],
  verification: 'UNVERIFIED',
  deletedAt: null,
  sources: [{ url: 'https://www.defense.gov/readout', publisher: 'DoD', claims: { date: null, initiator: null } }],
};

const official = {
  id: 'o1',
  slug: 'sergei-shoigu',
  version: 1,
  name: 'Sergei Shoigu',
  country: 'RU',
  wikidataId: null,
  otherNames: ['Шойгу'],
  positions: [{ title: 'Minister of Defence', officeKey: 'RU:MINDEF', startDate: '2012-11-06' }],
};

describe('describing an audit row in words', () => {
  it('shows only the changed fields of an update, free text quoted and dates written out', () => {
    const diff = describeAuditChange({
      action: 'update',
      entityType: 'contact',
      before: contact,
      after: { ...contact, version: 2, date: '2022-05-14', summary: 'Austin called for a ceasefire.' },
    });
    expect(diff.lines.map(lineText)).toEqual([
      'Date: 13 May 2022 → 14 May 2022',
      'Summary: ‘Austin urged an immediate ceasefire.’ → ‘Austin called for a ceasefire.’',
    ]);
  });

  it('shows lists as items added and removed, in words', () => {
    const diff = describeAuditChange({
      action: 'update',
      entityType: 'official',
      before: official,
      after: {
        ...official,
        otherNames: ['Shoygu'],
        positions: [{ ...official.positions[0], endDate: '2024-05-12' }],
      },
    });
    expect(diff.lines.map(lineText)).toEqual([
      'Other spellings: added Shoygu; removed Шойгу',
      'Positions: added Minister of Defence (RU:MINDEF), 6 Nov 2012 – 12 May 2024; removed Minister of Defence (RU:MINDEF), 6 Nov 2012 – present',
    ]);
  });

  it('names participants and sources added or removed, with the claims a source makes', () => {
    const diff = describeAuditChange({
      action: 'update',
      entityType: 'contact',
      before: contact,
      after: {
        ...contact,
        participants: ['lloyd-austin', 'valery-gerasimov'],
        status: 'REFUSED',
        sources: [...contact.sources, { url: 'https://tass.ru/x', publisher: 'TASS', claims: { date: '2022-05-12' } }],
      },
    });
    expect(auditDiffText(diff)).toBe(
      [
        'Status: Held → Refused',
        'Participants: added valery-gerasimov; removed sergei-shoigu',
        'Sources: added TASS, https://tass.ru/x; claims date 12 May 2022',
      ].join('\n'),
    );
  });

  it('gives a creation’s key fields and a deletion’s, leaving empty ones out', () => {
    const created = describeAuditChange({ action: 'create', entityType: 'contact', before: null, after: contact });
    expect(created.lines.map(lineText)).toEqual([
      'Date: 13 May 2022',
      'Type: Call',
      'Status: Held',
      'Participants: lloyd-austin; sergei-shoigu',
      'Summary: ‘Austin urged an immediate ceasefire.’',
      'Sources: DoD, https://www.defense.gov/readout',
    ]);
    const deleted = describeAuditChange({
      action: 'delete',
      entityType: 'contact',
      before: contact,
      after: { ...contact, deletedAt: '2026-11-26T12:00:00.000Z' },
    });
    expect(deleted.summary).toBe('Deleted this contact.');
    expect(deleted.lines[0]).toEqual({ kind: 'value', label: 'Date', value: '13 May 2022' });
  });

  it('tells a merge as what moved and where the old address goes', () => {
    const duplicate = { ...official, id: 'o2', slug: 'sergey-shoygu', name: 'Sergey Shoygu', positions: [] };
    const diff = describeAuditChange({
      action: 'merge',
      entityType: 'official',
      before: { kept: official, duplicate },
      after: {
        kept: official,
        duplicate: { ...duplicate, mergedIntoId: 'o1' },
        undo: {
          duplicateId: 'o2',
          keptId: 'o1',
          participants: ['c1', 'c2'],
          removedParticipants: [{ contactId: 'c3', country: 'RU' }],
          positions: [
            { id: 'p', title: 'Minister', officeKey: 'RU:MCHS', startDate: '1994-01-10', endDate: '2012-05-11' },
          ],
          droppedPositions: [],
          aliases: [{ id: 'a', name: 'Sergey Shoygu' }],
          watches: [],
          removedWatches: [],
        },
      },
    });
    expect(diff.summary).toBe('Merged Sergey Shoygu into Sergei Shoigu: 3 contacts, 1 position and 1 spelling moved.');
    expect(diff.lines.map(lineText)).toEqual([
      'Contacts moved: 3 (1 shared by both)',
      'Positions: added Minister (RU:MCHS), 10 Jan 1994 – 11 May 2012',
      'Spellings: added Sergey Shoygu',
      'Address: /officials/sergey-shoygu now redirects to /officials/sergei-shoigu',
    ]);
  });

  it('writes instants in UTC and says when nothing visible changed', () => {
    expect(formatInstant('2022-05-13T14:03:59.000Z')).toBe('13 May 2022 14:03 UTC');
    const same = describeAuditChange({
      action: 'update',
      entityType: 'contact',
      before: contact,
      after: { ...contact, version: 9 },
    });
    expect(same).toEqual({ summary: 'No visible change.', lines: [] });
    const role = describeAuditChange({
      action: 'update',
      entityType: 'user',
      before: { role: 'RESEARCHER', banned: false },
      after: { role: 'ADMIN', banned: true },
    });
    expect(role.lines.map(lineText)).toEqual(['Role: Researcher → Admin', 'Disabled: no → yes']);
  });
});
