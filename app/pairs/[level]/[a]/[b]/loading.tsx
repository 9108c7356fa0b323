import { PairSkeleton } from '@/components/skeleton/pair-skeleton';

/** What shows while a pair page is read: its layout, in placeholders. */
export default function Loading() {
  return <PairSkeleton />;
}
