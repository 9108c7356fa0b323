import { SearchSkeleton } from '@/components/skeleton/search-skeleton';

/** What shows while the search page is read: its layout, in placeholders. */
export default function Loading() {
  return <SearchSkeleton />;
}
