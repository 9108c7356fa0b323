import Link from 'next/link';
import type { WatchView } from '@/lib/data/watches';
import { formatDays } from '@/lib/format';

/**
 * The dashboard's list of the signed-in user's watched pairs whose silence is past its threshold (DESIGN.md:
 * "pairs past it are listed on the dashboard"). Only signed-in requests render it, and the response cache
 * never serves or keeps those, so no one's watches reach another reader.
 */
export function WatchesPast({ watches, total }: { watches: WatchView[]; total: number }) {
  return (
    <section aria-labelledby="watches-past">
      <h2 id="watches-past" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
        Your watches past their threshold
      </h2>
      {watches.length === 0 ? (
        <p className="text-muted text-sm">
          None of your {total === 1 ? 'watch' : `${total} watches`} is past its threshold.{' '}
          <Link href="/account/watches">My watches</Link>
        </p>
      ) : (
        <ul className="space-y-3 text-sm">
          {watches.map((watch) => (
            <li key={watch.id}>
              <Link href={watch.pair.href} className="font-medium">
                {watch.pair.title}
              </Link>
              <p className="text-muted tabular-nums">
                Silent for {formatDays(watch.silence.days)} · threshold {watch.threshold.text}
                {watch.overBy ? `, passed by ${formatDays(watch.overBy)}` : ''}
              </p>
            </li>
          ))}
          <li>
            <Link href="/account/watches">All your watches</Link>
          </li>
        </ul>
      )}
    </section>
  );
}
