import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { ZChannelInput } from '../validation/channel';
import { createChannel, deleteChannel, getChannel, listAllChannels, updateChannel } from './channel-edits';
import { listChannels } from './events';

import { setupTestDatabase } from '../testing/database';
import { makeAdmin, makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

const line = ZChannelInput.parse({
  name: 'Norway–Finland border line',
  countries: 'NO, FI',
  establishedOn: '2022-03-01',
  sourceUrl: 'https://example.org/line',
});

describe('channels', () => {
  it('makes a unique slug from the name, and keeps it on a rename', async () => {
    const actor = await makeAdmin();
    const first = await createChannel(line, actor);
    const second = await createChannel(line, actor);
    expect([first.slug, second.slug]).toEqual(['norway-finland-border-line', 'norway-finland-border-line-2']);
    expect(first).toMatchObject({ countries: ['FI', 'NO'], establishedOn: '2022-03-01', closedOn: null, version: 1 });

    const renamed = await updateChannel(
      first.id,
      { ...line, name: 'Nordic line', closedOn: '2024-01-01' },
      { version: 1 },
      actor,
    );
    expect(renamed).toMatchObject({
      slug: 'norway-finland-border-line',
      name: 'Nordic line',
      closedOn: '2024-01-01',
      version: 2,
    });

    const audit = await getDb().auditLog.findMany({ where: { entityId: first.id }, orderBy: { at: 'asc' } });
    expect(audit.map((r) => [r.action, r.entityType])).toEqual([
      ['create', 'channel'],
      ['update', 'channel'],
    ]);
    expect(audit[1].before).toMatchObject({ name: 'Norway–Finland border line', closedOn: null });
    expect(audit[1].after).toMatchObject({ name: 'Nordic line', closedOn: '2024-01-01' });
  });

  it('refuses an edit or delete from an older version, with the channel as it stands', async () => {
    const actor = await makeAdmin();
    const { id } = await createChannel(line, actor);
    await updateChannel(id, { ...line, name: 'Edited first' }, { version: 1 }, actor);
    await expect(updateChannel(id, { ...line, name: 'Edited second' }, { version: 1 }, actor)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { current: { id, name: 'Edited first', version: 2 } },
    });
    await expect(deleteChannel(id, { version: 1 }, actor)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await getChannel(id)).toMatchObject({ name: 'Edited first', version: 2 });
  });

  it('deletes a channel in use: its contacts stay with the channel cleared, each audited, their ids in its audit row', async () => {
    const actor = await makeAdmin();
    const channel = await createChannel(line, actor);
    const [a, b] = [
      await makeOfficial({ name: 'Ola Nordmann', country: 'NO' }, actor),
      await makeOfficial({ name: 'Matti Meikäläinen', country: 'FI' }, actor),
    ];
    const contact = await makeContact(
      {
        date: '2022-05-13',
        type: 'HOTLINE',
        participants: [a.slug, b.slug],
        channel: channel.slug,
      },
      actor,
    );
    expect((await listAllChannels())[0]).toMatchObject({ id: channel.id, contactCount: 1 });

    const deleted = await deleteChannel(channel.id, { version: 1 }, actor);
    expect(deleted.clearedContactIds).toEqual([contact.id]);
    expect(await getChannel(channel.id)).toBeNull();
    expect(await getDb().contact.findUnique({ where: { id: contact.id } })).toMatchObject({
      channelId: null,
      version: 2,
      deletedAt: null,
    });
    const channelAudit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: channel.id, action: 'delete' } });
    expect(channelAudit.before).toMatchObject({ slug: channel.slug, contactIds: [contact.id] });
    const contactAudit = await getDb().auditLog.findFirstOrThrow({
      where: { entityId: contact.id, action: 'update' },
    });
    expect(contactAudit.before).toMatchObject({ channel: channel.slug, version: 1 });
    expect(contactAudit.after).toMatchObject({ channel: null, version: 2 });
  });

  it('shows a channel on pairs whose two countries it connects, and no other', async () => {
    const actor = await makeAdmin();
    await createChannel(line, actor);
    await createChannel(
      ZChannelInput.parse({ name: 'Nordic net', countries: 'NO SE DK', establishedOn: '2020-01-01' }),
      actor,
    );
    const names = async (countries: string[]) => (await listChannels(countries)).map((c) => c.name);
    expect(await names(['NO', 'FI'])).toEqual(['Norway–Finland border line']);
    expect(await names(['FI', 'NO'])).toEqual(['Norway–Finland border line']);
    expect(await names(['SE', 'NO'])).toEqual(['Nordic net']);
    expect(await names(['SE', 'FI'])).toEqual([]);
  });
});
