import type { Metadata } from 'next';
import Link from 'next/link';
import { ChannelCreateForm } from '@/components/admin/channel-form';
import { createChannelAction } from '@/lib/actions/channels';
import { requireAdminPage } from '@/lib/auth/session';
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
  await requireAdminPage('channel:manage', '/admin/channels');
  const channels = await listAllChannels();
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">Channels</h1>
        <p className="text-muted mt-3 max-w-2xl leading-relaxed">
          Standing mechanisms between countries, such as a hotline or a deconfliction line. Hotline contacts can name
          the channel they went over, and the charts of the pairs a channel connects show when it was open.
        </p>
      </header>

      <section aria-labelledby="channels-list-title">
        <h2 id="channels-list-title" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
          {channels.length === 1 ? 'One channel' : `${channels.length} channels`}, newest first
        </h2>
        {channels.length === 0 ? (
          <p className="text-muted">No channels yet. Add the first below.</p>
        ) : (
          <ul className="divide-rule border-rule divide-y border-y" aria-label="Channels">
            {channels.map((channel) => (
              <li key={channel.id} className="grid gap-x-6 gap-y-1 py-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
                <p className="text-muted text-sm tabular-nums sm:pt-0.5">
                  <time dateTime={channel.establishedOn}>{formatDate(channel.establishedOn)}</time>
                  {channel.closedOn && (
                    <>
                      {' – '}
                      <time dateTime={channel.closedOn}>{formatDate(channel.closedOn)}</time>
                    </>
                  )}
                </p>
                <div className="min-w-0">
                  <p className="break-words">
                    <Link href={`/admin/channels/${channel.id}`} className="font-medium">
                      {channel.name}
                    </Link>{' '}
                    <span className="text-muted font-mono text-xs break-all">{channel.slug}</span>
                  </p>
                  <p className="text-muted text-sm break-words">
                    Connects {countriesText(channel.countries)} · {channel.closedOn ? 'closed' : 'open'} ·{' '}
                    {channel.contactCount === 1 ? '1 contact' : `${channel.contactCount} contacts`}
                    {channel.sourceUrl && (
                      <>
                        {' · '}
                        <a href={channel.sourceUrl} rel="noreferrer" className="break-all">
                          {new URL(channel.sourceUrl).hostname}
                        </a>
                      </>
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-channel-heading" className="max-w-3xl">
        <h2 id="add-channel-heading" className="mb-1 text-xl font-semibold tracking-tight">
          Add a channel
        </h2>
        <p className="text-muted mb-6 text-sm">
          Its short name for the contact form and the API is made from its name and stays when it is renamed.
        </p>
        <ChannelCreateForm action={createChannelAction} />
      </section>
    </div>
  );
}
