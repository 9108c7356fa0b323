import Link from 'next/link';
import { CopyText } from '@/components/copy-text';
import type { Citation } from '@/lib/cite/citation';
import { formatDate } from '@/lib/format';

/**
 * "Cite this": the APA-like reference and the BibTeX entry of the pair as shown, with the permalink
 * that shows the same figures later, and the embed code of the live chart.
 */
export function CiteThis({
  citation,
  asOf,
  embedCode,
  isLive,
  titleClassName,
}: {
  isLive: boolean;
  citation: Citation;
  asOf: string;
  embedCode: string;
  titleClassName: string;
}) {
  return (
    <section aria-labelledby="cite-title" className="space-y-5">
      <h2 id="cite-title" className={titleClassName}>
        Cite this
      </h2>
      <p className="text-muted max-w-3xl text-sm">
        The figures above as of {formatDate(asOf)}, data version{' '}
        <code className="text-ink tabular-nums">{citation.dataVersion}</code> (a hash of the contacts they are counted
        from: it changes when they do). The permalink{' '}
        <Link
          href={new URL(citation.permalink).pathname + new URL(citation.permalink).search}
          className="[overflow-wrap:anywhere]"
        >
          {citation.permalink}
        </Link>{' '}
        shows the pair as it stood that day, without contacts logged later.
      </p>
      <div className="space-y-6">
        <figure className="min-w-0 space-y-2">
          <figcaption className="text-muted text-xs font-medium tracking-wider uppercase">APA</figcaption>
          <p className="border-rule max-w-3xl border-l-2 pl-3 text-sm [overflow-wrap:anywhere]" data-testid="cite-apa">
            {citation.apa}
          </p>
          <CopyText text={citation.apa} label="Copy APA" />
        </figure>
        <figure className="min-w-0 space-y-2">
          <figcaption className="text-muted text-xs font-medium tracking-wider uppercase">BibTeX</figcaption>
          <pre
            className="border-rule overflow-x-auto rounded border p-3 text-xs"
            data-testid="cite-bibtex"
            tabIndex={0}
            aria-label="BibTeX entry"
          >
            {citation.bibtex}
          </pre>
          <CopyText text={citation.bibtex} label="Copy BibTeX" />
        </figure>
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Embed the chart</h3>
        <p className="text-muted max-w-3xl text-sm">
          Paste this into a web page to show the {isLive ? 'live chart' : 'chart as of that day'} with its numbers and a
          link back here. Sites that read oEmbed find it from this page’s address.
        </p>
        <pre
          className="border-rule overflow-x-auto rounded border p-3 text-xs"
          data-testid="embed-code"
          tabIndex={0}
          aria-label="Embed code"
        >
          {embedCode}
        </pre>
        <CopyText text={embedCode} label="Copy embed code" copiedLabel="Embed code copied" />
      </div>
    </section>
  );
}
