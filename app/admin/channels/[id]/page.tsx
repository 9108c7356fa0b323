import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChannelEditor } from '@/components/admin/channel-form';
import { deleteChannelAction, updateChannelAction } from '@/lib/actions/channels';
import { requirePermittedPage } from '@/lib/auth/session';
import { getChannel } from '@/lib/data/channel-edits';
import { formatDate } from '@/lib/format';
import { channelValues } from '@/lib/validation/channel';
import { countriesText } from '@/lib/validation/event';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const channel = await getChannel((await params).id);
  if (channel === null) return { title: 'Channel not found' };
  return {
    title: `Edit channel: ${channel.name}`,
    description: `Edit or delete the channel “${channel.name}”, established ${formatDate(channel.establishedOn)}.`,
    robots: { index: false },
  };
}

export default async function AdminChannelPage({ params }: Props) {
  const { id } = await params;
  await requirePermittedPage('channel:manage', `/admin/channels/${id}`);
  const channel = await getChannel(id);
  if (channel === null) notFound();
  return (
    <div className="max-w-3xl space-y-8">
      <p className="text-sm">
        <Link href="/admin/channels">← All channels</Link>
      </p>
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">Edit channel</h1>
        <p className="text-muted mt-2 break-words">
          {channel.name} · <span className="font-mono text-sm">{channel.slug}</span> · connects{' '}
          {countriesText(channel.countries)} ·{' '}
          {channel.contactCount === 1 ? '1 contact' : `${channel.contactCount} contacts`}
        </p>
      </header>
      <ChannelEditor
        initialValues={channelValues(channel)}
        version={channel.version}
        name={channel.name}
        contactCount={channel.contactCount}
        updateAction={updateChannelAction.bind(null, id)}
        deleteAction={deleteChannelAction.bind(null, id)}
      />
    </div>
  );
}
