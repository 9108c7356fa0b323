import { notFound } from 'next/navigation';
import { officialSlugExists } from '@/lib/data/officials';

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/**
 * An unknown official answers 404. This is checked here, outside the page's loading.tsx boundary, because once
 * the skeleton has been sent the status can no longer change.
 */
export default async function OfficialLayout({ children, params }: Props) {
  if (!(await officialSlugExists((await params).slug))) notFound();
  return children;
}
