import { OfficialSkeleton } from '@/components/skeleton/official-skeleton';

/** What shows while an official's page is read: its layout, in placeholders. */
export default function Loading() {
  return <OfficialSkeleton />;
}
