import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { AppError } from '../errors';
import { ZContextEventInput } from '../validation/event';
import { createContextEvent, deleteContextEvent, listAllContextEvents, updateContextEvent } from './event-edits';
import { listContextEvents } from './events';

import { setupTestDatabase } from '../testing/database';
import { makeAdmin } from '../testing/factories';

setupTestDatabase();

const invasion = ZContextEventInput.parse({
  date: '2022-02-24',
  title: 'Russia invades Ukraine',
  url: 'https://example.org/invasion',
  countries: 'UA RU',
});

async function auditRows(entityId: string) {
  return getDb().auditLog.findMany({ where: { entityId }, orderBy: { at: 'asc' } });
}

describe('context events', () => {
  it('creates, edits and deletes an event, auditing each change with full snapshots', async () => {
    const actor = await makeAdmin();
    const created = await createContextEvent(invasion, actor);
    expect(created).toMatchObject({ version: 1, date: '2022-02-24', countries: ['RU', 'UA'], description: null });

    const edited = await updateContextEvent(
      created.id,
      ZContextEventInput.parse({ ...invasion, title: 'Full-scale invasion of Ukraine', countries: '' }),
      { version: 1 },
      actor,
    );
    expect(edited).toMatchObject({ version: 2, title: 'Full-scale invasion of Ukraine', countries: [] });

    const deleted = await deleteContextEvent(created.id, { version: 2 }, actor);
    expect(deleted.title).toBe('Full-scale invasion of Ukraine');
    expect(await getDb().contextEvent.count()).toBe(0);

    const rows = await auditRows(created.id);
    expect(rows.map((r) => [r.action, r.entityType, r.userId])).toEqual([
      ['create', 'context_event', actor.userId],
      ['update', 'context_event', actor.userId],
      ['delete', 'context_event', actor.userId],
    ]);
    expect(rows[1].before).toMatchObject({ title: 'Russia invades Ukraine', countries: ['RU', 'UA'], version: 1 });
    expect(rows[1].after).toMatchObject({ title: 'Full-scale invasion of Ukraine', countries: [], version: 2 });
    expect(rows[2].before).toMatchObject({ id: created.id, date: '2022-02-24', url: 'https://example.org/invasion' });
    expect(rows[2].after).toBeNull();
  });

  it('refuses an edit from an older version with the event as it stands, and changes nothing', async () => {
    const actor = await makeAdmin();
    const { id } = await createContextEvent(invasion, actor);
    await updateContextEvent(id, { ...invasion, title: 'First editor' }, { version: 1 }, actor);

    const attempt = updateContextEvent(id, { ...invasion, title: 'Second editor' }, { version: 1 }, actor);
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('you started from version 1; it is now version 2'),
      details: { current: { id, title: 'First editor', version: 2 } },
    });
    const deleting = deleteContextEvent(id, { version: 1 }, actor);
    await expect(deleting).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('It was not deleted'),
    });
    expect(await getDb().contextEvent.findUnique({ where: { id } })).toMatchObject({
      title: 'First editor',
      version: 2,
    });
    expect(await auditRows(id)).toHaveLength(2);
  });

  it('says an event is gone when it was deleted meanwhile', async () => {
    const actor = await makeAdmin();
    const { id } = await createContextEvent(invasion, actor);
    await deleteContextEvent(id, { version: 1 }, actor);
    const error = await updateContextEvent(id, invasion, { version: 1 }, actor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows an event on the pairs of any country it concerns, and one of no country on every pair', async () => {
    const actor = await makeAdmin();
    await createContextEvent(
      ZContextEventInput.parse({ date: '2023-04-04', title: 'Finland joins NATO', countries: 'FI' }),
      actor,
    );
    await createContextEvent(ZContextEventInput.parse({ date: '2020-03-11', title: 'Pandemic declared' }), actor);
    await createContextEvent(invasion, actor);
    const titles = async (countries: string[]) => (await listContextEvents(countries)).map((e) => e.title);
    expect(await titles(['NO', 'FI'])).toEqual(['Pandemic declared', 'Finland joins NATO']);
    expect(await titles(['US', 'RU'])).toEqual(['Pandemic declared', 'Russia invades Ukraine']);
    expect(await titles(['NO', 'SE'])).toEqual(['Pandemic declared']);
    expect((await listAllContextEvents()).map((e) => e.title)).toEqual([
      'Finland joins NATO',
      'Russia invades Ukraine',
      'Pandemic declared',
    ]);
  });
});
