import { Skeleton } from '@/components/ui/skeleton';

/** A section's small upper-case title, as the pages set them. */
export function SectionTitleSkeleton({ className = 'mb-4' }: { className?: string }) {
  return <Skeleton className={`h-4 w-48 ${className}`} />;
}

/** Rows of a silence list (components/silence-list.tsx): a pair's names and its silence, between rules. */
export function SilenceListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="divide-rule border-rule divide-y border-y">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="grid gap-x-6 gap-y-2 py-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
          <div className="space-y-1.5">
            <Skeleton className="h-5 w-56 max-w-full" />
            <Skeleton className="h-3.5 w-32" />
          </div>
          <div className="space-y-1.5">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-3 w-full" />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Contacts as components/contact-list.tsx lists them: date and kind, participants, a line of summary. */
export function ContactListSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className="divide-rule divide-y">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="space-y-2 py-4 first:pt-0">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-4 w-3/4" />
        </div>
      ))}
    </div>
  );
}
