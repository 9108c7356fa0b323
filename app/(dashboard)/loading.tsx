import { DashboardSkeleton } from '@/components/skeleton/dashboard-skeleton';

/** What shows while the dashboard is read: its layout, in placeholders. */
export default function Loading() {
  return <DashboardSkeleton />;
}
