import type { Metadata } from 'next';
import Link from 'next/link';
import { ChannelCreateForm } from '@/components/admin/channel-form';
import { RecordListItem, RecordListPage, SourceLink, whenClass } from '@/components/admin/record-list-page';
import { createChannelAction } from '@/lib/actions/channels';
import { requirePermittedPage } from '@/lib/auth/session';
import { listAllChannels } from '@/lib/data/channel-edits';
import { formatDate } from '@/lib/format';
import { countriesText } from '@/lib/validation/event';

export const metadata: Metadata = {
  title: 'Channels',
  description:
    'Standing lines between countries — hotlines, deconfliction lines — drawn on the charts of the pairs they connect: add, edit, delete.',
  robots: { index: false },
};

export default async function AdminChannelsPage() {
  await requirePermittedPage('channel:manage', '/admin/channels');
  const channels = await listAllChannels();
  return (
    <RecordListPage
      title="Channels"
      intro="Standing mechanisms between countries, such as a hotline or a deconfliction line. Hotline contacts can name the channel they went over, and the charts of the pairs a channel connects show when it was open."
      idPrefix="channel"
      count={channels.length === 1 ? 'One channel' : `${channels.length} channels`}
      empty="No channels yet. Add the first below."
      addTitle="Add a channel"
      addNote="Its short name for the contact form and the API is made from its name and stays when it is renamed."
      form={<ChannelCreateForm action={createChannelAction} />}
    >
      {channels.map((channel) => (
        <RecordListItem
          key={channel.id}
          when={
            <p className={whenClass}>
              <time dateTime={channel.establishedOn}>{formatDate(channel.establishedOn)}</time>
              {channel.closedOn && (
                <>
                  {' – '}
                  <time dateTime={channel.closedOn}>{formatDate(channel.closedOn)}</time>
                </>
              )}
            </p>
          }
        >
          <p className="break-words">
            <Link href={`/admin/channels/${channel.id}`} className="font-medium">
              {channel.name}
            </Link>{' '}
            <span className="text-muted font-mono text-xs break-all">{channel.slug}</span>
          </p>
          <p className="text-muted text-sm break-words">
            Connects {countriesText(channel.countries)} · {channel.closedOn ? 'closed' : 'open'} ·{' '}
            {channel.contactCount === 1 ? '1 contact' : `${channel.contactCount} contacts`}
            <SourceLink url={channel.sourceUrl} />
          </p>
        </RecordListItem>
      ))}
    </RecordListPage>
  );
}
