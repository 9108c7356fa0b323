import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { formatMoment } from '@/components/admin/user-roles';
import { FeedSettings } from '@/components/watches/feed-settings';
import { WatchList } from '@/components/watches/watch-list';
import { WebhookSettings } from '@/components/watches/webhook-settings';
import {
  deleteWatchAction,
  regenerateFeedAction,
  removeWebhookAction,
  revokeFeedAction,
  setWebhookAction,
  updateWatchAction,
} from '@/lib/actions/watches';
import { getCurrentUser } from '@/lib/auth/session';
import { getFeedTokenInfo, getWebhookOverview } from '@/lib/data/watch-settings';
import { listWatchEvents, listWatches } from '@/lib/data/watches';

export const metadata: Metadata = {
  title: 'My watches',
  description: 'The silences you watch, their feed and webhook.',
};

const DELIVERY_STATE = { PENDING: 'Retrying', DELIVERED: 'Delivered', FAILED: 'Failed' } as const;

export default async function WatchesPage() {
  const user = await getCurrentUser();
  if (user === null) redirect('/sign-in?next=/account/watches');
  const [watches, events, feed, webhook] = await Promise.all([
    listWatches(user.id),
    listWatchEvents(user.id, { limit: 20 }),
    getFeedTokenInfo(user.id),
    getWebhookOverview(user.id),
  ]);
  const section = 'mt-12 max-w-3xl';
  return (
    <section>
      <p className="text-muted text-sm">
        <Link href="/account">Your account</Link> /
      </p>
      <h1 className="text-3xl font-semibold tracking-tight">My watches</h1>
      <p className="text-muted mt-2 max-w-2xl text-sm">
        Each watch tells you once when a pair’s silence passes your threshold, and once when a contact ends it: here, in
        your private feed and at your webhook. Silences are checked every few minutes and right after each contact is
        logged. <Link href="/methodology">How silences are counted</Link>.
      </p>

      <section aria-labelledby="watches-title" className="mt-8 max-w-3xl">
        <h2 id="watches-title" className="sr-only">
          Watched pairs
        </h2>
        <WatchList watches={watches} updateAction={updateWatchAction} deleteAction={deleteWatchAction} />
      </section>

      <section aria-labelledby="events-title" className={section}>
        <h2 id="events-title" className="text-xl font-semibold">
          Latest events
        </h2>
        {events.length === 0 ? (
          <p className="text-muted mt-2 text-sm">No watched silence has passed its threshold or ended yet.</p>
        ) : (
          <ol className="border-rule mt-3 border-t text-sm">
            {events.map((event) => (
              <li key={event.id} className="border-rule flex flex-wrap justify-between gap-x-4 border-b py-2">
                <span>
                  <span className={event.kind === 'CROSSED' ? 'text-silence font-semibold' : 'font-semibold'}>
                    {event.kind === 'CROSSED' ? 'Past threshold' : 'Ended'}
                  </span>{' '}
                  <Link href={event.pair.href}>{event.text}</Link>
                </span>
                <span className="text-muted tabular-nums">{formatMoment(event.occurredAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="feed-title" className={section}>
        <h2 id="feed-title" className="text-xl font-semibold">
          Private feed
        </h2>
        <p className="text-muted mt-1 mb-4 text-sm">
          An Atom feed of these events for your feed reader, at an address only you know.
        </p>
        <FeedSettings
          feed={feed && { prefix: feed.prefix, createdAt: feed.createdAt.toISOString() }}
          regenerateAction={regenerateFeedAction}
          revokeAction={revokeFeedAction}
        />
      </section>

      <section aria-labelledby="webhook-title" className={section}>
        <h2 id="webhook-title" className="text-xl font-semibold">
          Webhook
        </h2>
        <p className="text-muted mt-1 mb-4 text-sm">
          Each event is sent as JSON in a POST. Check it came from here: <code>X-Counterpart-Signature</code> is{' '}
          <code>sha256=</code> and the HMAC-SHA256, with your secret, of <code>X-Counterpart-Timestamp</code>, a full
          stop and the body. A failed delivery is retried after 30 s, then waits twice as long each time: six attempts
          in all, each listed below.
        </p>
        <WebhookSettings
          hook={webhook.hook && { url: webhook.hook.url }}
          allowPrivate={webhook.allowPrivate}
          saveAction={setWebhookAction}
          removeAction={removeWebhookAction}
        />
        <h3 className="mt-8 font-semibold">Deliveries</h3>
        {webhook.deliveries.length === 0 ? (
          <p className="text-muted mt-2 text-sm">Nothing sent yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm tabular-nums">
              <caption className="sr-only">Webhook deliveries, newest first, with each attempt</caption>
              <thead className="text-muted border-rule border-b text-xs tracking-wider uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Event
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Attempt
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Result
                  </th>
                </tr>
              </thead>
              <tbody>
                {webhook.deliveries.map((delivery) => {
                  const rows = delivery.log.length > 0 ? delivery.log : [null];
                  return rows.map((attempt, i) => (
                    <tr key={`${delivery.id}-${i}`} className="border-rule border-b align-top">
                      <td className="py-2 pr-4">
                        {i === 0 && (
                          <>
                            {delivery.event.kind === 'CROSSED' ? 'Past threshold' : 'Ended'}
                            <span className="text-muted block text-xs">
                              {DELIVERY_STATE[delivery.state]}
                              {delivery.state === 'PENDING' && delivery.attempts > 0
                                ? `: next try ${formatMoment(delivery.nextAttemptAt.toISOString())}`
                                : ''}
                            </span>
                          </>
                        )}
                      </td>
                      <td className="py-2 pr-4">{attempt === null ? '—' : attempt.attempt}</td>
                      <td className="py-2 pr-4">
                        {attempt === null ? 'Waiting' : formatMoment(attempt.at.toISOString())}
                      </td>
                      <td className="py-2 pr-4">
                        {attempt === null ? (
                          <span className="text-muted">Not tried yet</span>
                        ) : (
                          <span className={attempt.ok ? '' : 'text-silence'}>
                            {attempt.responseStatus !== null ? `HTTP ${attempt.responseStatus}` : 'No answer'}
                            {attempt.error && !attempt.error.startsWith('The receiver answered')
                              ? ` — ${attempt.error}`
                              : ''}
                            <span className="text-muted"> · {attempt.durationMs} ms</span>
                          </span>
                        )}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
