import { Skeleton, SkeletonRegion, SkeletonText } from '@/components/ui/skeleton';
import { ContactListSkeleton, SectionTitleSkeleton, SilenceListSkeleton } from './list-skeleton';

/** An official's page (app/officials/[slug]/page.tsx): portrait and name, positions, counterparts, contacts. */
export function OfficialSkeleton() {
  return (
    <SkeletonRegion label="Loading the official…" className="max-w-3xl">
      <div className="flex items-start gap-5">
        <Skeleton className="h-[7.5rem] w-24 shrink-0 rounded-sm" />
        <div className="min-w-0 flex-1">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="mt-2 h-9 w-72 max-w-full" />
          <Skeleton className="mt-2 h-4 w-64 max-w-full" />
        </div>
      </div>
      <SkeletonText lines={2} className="mt-4" />
      <SectionTitleSkeleton className="mt-10 mb-3" />
      <div className="divide-rule border-rule divide-y border-y">
        {[0, 1].map((i) => (
          <div key={i} className="space-y-1.5 py-3">
            <Skeleton className="h-5 w-64 max-w-full" />
            <Skeleton className="h-4 w-80 max-w-full" />
          </div>
        ))}
      </div>
      <SectionTitleSkeleton className="mt-10 mb-3" />
      <SilenceListSkeleton rows={3} />
      <SectionTitleSkeleton className="mt-10 mb-3" />
      <ContactListSkeleton rows={3} />
    </SkeletonRegion>
  );
}
