import { Skeleton, SkeletonRegion, SkeletonText } from '@/components/ui/skeleton';
import { ContactListSkeleton, SectionTitleSkeleton } from './list-skeleton';

/** The pair page's timeline of contacts, while its page of contacts and sources is read. */
export function PairTimelineSkeleton() {
  return (
    <SkeletonRegion label="Loading the contacts…">
      <SectionTitleSkeleton className="mb-1" />
      <Skeleton className="mb-4 h-5 w-80 max-w-full" />
      <ContactListSkeleton rows={5} />
    </SkeletonRegion>
  );
}

/**
 * The pair page (app/pairs/[level]/[a]/[b]/page.tsx): level tabs, the headline over two lines, the two
 * sides, then the chart at its fixed height (components/gap-chart.tsx), the numbers and the timeline.
 */
export function PairSkeleton() {
  return (
    <SkeletonRegion label="Loading the pair…" className="space-y-14">
      <div>
        <div className="border-rule flex gap-x-6 border-b py-2">
          <Skeleton className="h-5 w-16" />
          <Skeleton className="h-5 w-14" />
          <Skeleton className="h-5 w-20" />
        </div>
        <div className="mt-8 max-w-4xl space-y-2">
          <Skeleton className="h-8 w-full sm:h-12" />
          <Skeleton className="h-8 w-3/5 sm:h-12" />
        </div>
        <SkeletonText lines={2} className="mt-4 max-w-2xl" />
        <div className="border-rule mt-8 grid gap-6 border-y py-5 sm:grid-cols-2 sm:gap-10">
          {[0, 1].map((side) => (
            <div key={side} className="space-y-2">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-7 w-48" />
              <Skeleton className="h-4 w-64 max-w-full" />
            </div>
          ))}
        </div>
      </div>
      <div>
        <Skeleton className="h-7 w-full max-w-3xl sm:h-8" />
        <Skeleton className="mt-2 mb-5 h-5 w-2/3 max-w-3xl" />
        <Skeleton className="mb-3 h-4 w-96 max-w-full" />
        <Skeleton className="h-[340px] w-full sm:h-[400px]" />
      </div>
      <div>
        <SectionTitleSkeleton />
        <div className="grid grid-cols-2 gap-6 sm:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="space-y-1.5">
              <Skeleton className="h-3 w-20" />
              <Skeleton className="h-5 w-24" />
            </div>
          ))}
        </div>
      </div>
      <div>
        <SectionTitleSkeleton className="mb-1" />
        <Skeleton className="mb-4 h-5 w-80 max-w-full" />
        <ContactListSkeleton rows={3} />
      </div>
    </SkeletonRegion>
  );
}
