import { Skeleton, SkeletonRegion, SkeletonText } from '@/components/ui/skeleton';
import { ContactListSkeleton, SectionTitleSkeleton, SilenceListSkeleton } from './list-skeleton';

/** The latest contacts, titled, as the side column lists them. */
function LatestContactsSkeleton() {
  return (
    <div>
      <SectionTitleSkeleton />
      <ContactListSkeleton rows={6} />
    </div>
  );
}

/** The dashboard's side column (latest and overdue contacts), while its lists are read. */
export function DashboardAsideSkeleton() {
  return (
    <SkeletonRegion label="Loading the latest contacts…" className="space-y-10">
      <LatestContactsSkeleton />
    </SkeletonRegion>
  );
}

/** The dashboard (app/(dashboard)/page.tsx) in its columns: headline, explanation, level tabs, chart, lists. */
export function DashboardSkeleton() {
  return (
    <SkeletonRegion label="Loading the running silences…" className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0">
        <Skeleton className="h-5 w-56" />
        <div className="mt-2 max-w-2xl space-y-2">
          <Skeleton className="h-9 w-full sm:h-10" />
          <Skeleton className="h-9 w-4/5 sm:h-10" />
        </div>
        <Skeleton className="mt-3 h-7 w-3/4 max-w-2xl" />
        <SkeletonText lines={3} className="mt-3 max-w-2xl" />
        <div className="border-rule mt-8 flex gap-1 border-b py-2">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="ml-3 h-5 w-28" />
          <Skeleton className="ml-3 h-5 w-32" />
        </div>
        <div className="mt-8">
          <Skeleton className="h-6 w-64" />
          <Skeleton className="mt-1 h-5 w-80 max-w-full" />
          {/* The chart's own height with its usual eight bars (components/silence-chart.tsx). */}
          <Skeleton className="mt-3 h-[416px] w-full" />
        </div>
        <div className="mt-12">
          <SectionTitleSkeleton />
          <SilenceListSkeleton />
        </div>
      </div>
      <div className="space-y-10">
        <LatestContactsSkeleton />
      </div>
    </SkeletonRegion>
  );
}
