import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { ZAuditFilters } from '../validation/audit-filters';
import { ZContactInput } from '../validation/contact';
import { auditToCsv, listAuditEntries, listAuditFacets, listAuditForExport } from './audit-log';
import { updateContact } from './contact-edits';
import { createContact } from './contacts';
import { mergeOfficials } from './merge';
import { createUser } from './users';

import { setupTestDatabase } from '../testing/database';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

async function world() {
  const cli = { userId: null, via: 'cli' } as const;
  const user = await createUser(
    { email: 'ada@example.org', name: 'Ada', role: 'ADMIN', password: 'a long password' },
    cli,
  );
  const ada = { userId: user.id, via: 'ui' } as const;
  const austin = await makeOfficial({ name: 'Lloyd Austin', country: 'US' });
  const shoigu = await makeOfficial({ name: 'Sergei Shoigu', country: 'RU' }, ada);
  const shoygu = await makeOfficial({ name: 'Sergey Shoygu', country: 'RU' }, ada);
  const input = ZContactInput.parse({
    date: '2022-05-13',
    type: 'CALL',
    status: 'HELD',
    participants: [austin.slug, shoygu.slug],
    summary: 'First readout.',
    sources: [{ url: 'https://example.org/readout' }],
  });
  const contact = await createContact(input, ada);
  await updateContact(contact.id, { ...input, summary: 'Second readout.' }, { version: 1 }, ada);
  const merged = await mergeOfficials(
    { duplicateId: shoygu.id, keptId: shoigu.id, duplicateVersion: 1, keptVersion: 1 },
    ada,
  );
  return { user, austin, shoigu, contact, merged };
}

/** The ISO day before or after another, in UTC. */
const shiftDay = (day: string, by: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
const previousDay = (day: string) => shiftDay(day, -1);
const nextDay = (day: string) => shiftDay(day, 1);

const filters = (raw: Record<string, string> = {}) => ZAuditFilters.parse(raw);

describe('the audit log viewer', () => {
  it('lists newest first and narrows by user, entity, action and day', async () => {
    const { user, contact, shoigu } = await world();
    const all = await listAuditEntries(filters());
    // user create, 3 official creates, contact create, update, merge
    expect(all.items.map((e) => e.action)).toEqual([
      'merge',
      'update',
      'create',
      'create',
      'create',
      'create',
      'create',
    ]);
    expect(all.items[0]).toMatchObject({
      who: { name: 'Ada', email: 'ada@example.org' },
      entity: { label: 'Sergei Shoigu', href: `/officials/${shoigu.slug}` },
      undo: { canUndo: true },
    });
    expect(all.items.at(-1)?.who).toEqual({ name: 'command line', email: null });

    const byAda = await listAuditEntries(filters({ user: user.id }));
    expect(byAda.items).toHaveLength(5);
    const bySystem = await listAuditEntries(filters({ user: 'none' }));
    expect(bySystem.items.map((e) => e.entityType)).toEqual(['official', 'user']);
    const updates = await listAuditEntries(filters({ entityType: 'contact', action: 'update' }));
    expect(updates.items).toHaveLength(1);
    expect(updates.items[0].entity.href).toBe(`/contacts/${contact.id}/edit`);
    expect(updates.items[0].diff.lines).toEqual([
      { kind: 'changed', label: 'Summary', from: '‘First readout.’', to: '‘Second readout.’' },
    ]);
    expect((await listAuditEntries(filters({ entityId: contact.id }))).items).toHaveLength(2);
    // The days the rows were written on (UTC), from the rows themselves: the run may cross midnight.
    const firstDay = all.items.at(-1)!.at.slice(0, 10);
    const lastDay = all.items[0].at.slice(0, 10);
    expect((await listAuditEntries(filters({ from: firstDay, to: lastDay }))).items).toHaveLength(7);
    expect((await listAuditEntries(filters({ to: previousDay(firstDay) }))).items).toHaveLength(0);
    expect((await listAuditEntries(filters({ from: nextDay(lastDay) }))).items).toHaveLength(0);
    expect((await listAuditEntries(filters({ to: '2020-01-01' }))).items).toHaveLength(0);
    // The first and last days a filter may name.
    expect((await listAuditEntries(filters({ from: '0001-01-01', to: '9999-12-31' }))).items).toHaveLength(7);
    expect(await listAuditFacets()).toEqual({
      entityTypes: ['contact', 'official', 'user'],
      actions: ['create', 'merge', 'update'],
    });
  });

  it('pages by id: each page continues below the last, with nothing repeated or skipped', async () => {
    await world();
    const first = await listAuditEntries(filters({ pageSize: '3' }));
    const second = await listAuditEntries(filters({ pageSize: '3', before: first.next! }));
    const third = await listAuditEntries(filters({ pageSize: '3', before: second.next! }));
    expect(third.next).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((e) => Number(e.id));
    expect(ids).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('refuses filters it cannot read, with a message per field', () => {
    const result = ZAuditFilters.safeParse({ from: '2022-13-01', to: '2022-01-01', action: 'drop table', before: 'x' });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fields).toMatchObject({
      from: 'Enter a real date as YYYY-MM-DD',
      action: 'Choose an action from the list',
      before: expect.stringContaining('start again'),
    });
    expect(ZAuditFilters.safeParse({ from: '2022-02-01', to: '2022-01-01' }).error?.issues[0].message).toBe(
      'The end of the date range is before its start',
    );
  });

  it('exports the filtered rows as CSV with the readable changes and both snapshots', async () => {
    const { contact } = await world();
    const f = filters({ entityType: 'contact' });
    const at = new Date('2026-11-26T12:00:00Z');
    const csv = auditToCsv(await listAuditForExport(f), { filters: f, at });
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '# Counterpart audit log export',
      '# exported_at: 2026-11-26T12:00:00.000Z',
      '# filters: entityType=contact',
    ]);
    const { data } = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(data.map((r) => [r.action, r.entity_id, r.user, r.email, r.via])).toEqual([
      ['update', contact.id, 'Ada', 'ada@example.org', 'web'],
      ['create', contact.id, 'Ada', 'ada@example.org', 'web'],
    ]);
    expect(data[0].changes).toBe('Summary: ‘First readout.’ → ‘Second readout.’');
    expect(JSON.parse(data[0].before).summary).toBe('First readout.');
    expect(JSON.parse(data[0].after).summary).toBe('Second readout.');
    expect(data[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await getDb().auditLog.count()).toBe(7);
  });
});
