import { Skeleton, SkeletonRegion } from '@/components/ui/skeleton';
import { ContactListSkeleton, SectionTitleSkeleton } from './list-skeleton';

/** The search page (app/search/page.tsx): the filters in their column, then the officials and contacts found. */
export function SearchSkeleton() {
  return (
    <SkeletonRegion label="Searching…" className="grid gap-10 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <div className="space-y-4">
        <Skeleton className="h-8 w-28" />
        {[0, 1].map((i) => (
          <div key={i} className="space-y-1">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-8 w-full" />
          </div>
        ))}
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-16 w-full" />
        <div className="grid grid-cols-2 gap-2">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
        <Skeleton className="h-8 w-32" />
      </div>
      <div className="min-w-0">
        <SectionTitleSkeleton className="mb-3" />
        <div className="mb-10 grid gap-3 sm:grid-cols-2">
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <SectionTitleSkeleton className="mb-3" />
        <ContactListSkeleton rows={6} />
      </div>
    </SkeletonRegion>
  );
}
