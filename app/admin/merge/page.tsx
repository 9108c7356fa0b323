import type { Metadata } from 'next';
import Link from 'next/link';
import { MergeConfirm } from '@/components/admin/merge-confirm';
import { MergeOfficialPicker, type PickedOfficial } from '@/components/admin/merge-official-picker';
import { mergeConsequence, MergePreviewView } from '@/components/admin/merge-preview';
import { buttonClass } from '@/components/ui/button';
import { mergeOfficialsAction } from '@/lib/actions/merge';
import { requirePermittedPage } from '@/lib/auth/session';
import { getMergeCandidate, getMergePreview } from '@/lib/data/merge';

export const metadata: Metadata = {
  title: 'Merge officials',
  description:
    'Fold a duplicate official into the one to keep: every contact, position and spelling moves, the old address redirects, and the merge can be undone.',
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function param(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export default async function MergePage({ searchParams }: Props) {
  const raw = await searchParams;
  const duplicateRef = param(raw.duplicate);
  const keptRef = param(raw.keep);
  const submitted = 'duplicate' in raw || 'keep' in raw;
  const query = new URLSearchParams({ duplicate: duplicateRef, keep: keptRef }).toString();
  await requirePermittedPage('official:merge', submitted ? `/admin/merge?${query}` : '/admin/merge');

  const errors: { duplicate?: string; keep?: string } = {};
  if (submitted && !duplicateRef) errors.duplicate = 'Choose the duplicate: type a name, then pick from the list.';
  if (submitted && !keptRef) errors.keep = 'Choose the official to keep: type a name, then pick from the list.';
  const [duplicate, kept] = await Promise.all([
    duplicateRef ? getMergeCandidate(duplicateRef) : null,
    keptRef ? getMergeCandidate(keptRef) : null,
  ]);
  const missing = 'No such official: choose again from the list.';
  if (duplicateRef && duplicate === null) errors.duplicate = missing;
  if (keptRef && kept === null) errors.keep = missing;
  const preview = duplicate && kept ? await getMergePreview(duplicate.id, kept.id) : null;
  const picked = (o: { slug: string; name: string; country: string } | undefined): PickedOfficial | null =>
    o ? { slug: o.slug, name: o.name, country: o.country } : null;

  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-semibold tracking-tight">Merge two officials</h1>
      <p className="text-muted mt-2 max-w-2xl leading-relaxed">
        When one person was entered twice, fold the duplicate into the one to keep. Every contact, position and spelling
        moves; the duplicate’s address redirects; the audit log records it, and it can be undone there.
      </p>

      <form method="get" action="/admin/merge" aria-label="Choose the officials" className="mt-8 space-y-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <MergeOfficialPicker
            key={`d-${duplicate?.slug ?? duplicateRef}`}
            id="merge-duplicate"
            name="duplicate"
            label="Duplicate"
            hint="Merged away; its address will redirect."
            initial={picked(duplicate ?? undefined)}
            error={errors.duplicate}
          />
          <MergeOfficialPicker
            key={`k-${kept?.slug ?? keptRef}`}
            id="merge-keep"
            name="keep"
            label="Official to keep"
            hint="Receives the contacts, positions and spellings."
            initial={picked(kept ?? undefined)}
            error={errors.keep}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass.secondary}>
            Preview the merge
          </button>
          {preview && (
            <Link
              href={`/admin/merge?duplicate=${preview.kept.slug}&keep=${preview.duplicate.slug}`}
              className="text-sm"
            >
              Swap: keep {preview.duplicate.name} instead
            </Link>
          )}
        </div>
      </form>

      {preview && (
        <div className="mt-10 space-y-6">
          <MergeConfirm
            key={`${preview.duplicate.id}-${preview.kept.id}`}
            duplicate={preview.duplicate}
            kept={preview.kept}
            problem={preview.problem}
            consequence={mergeConsequence(preview)}
            action={mergeOfficialsAction}
          >
            <MergePreviewView preview={preview} />
          </MergeConfirm>
        </div>
      )}
    </div>
  );
}
