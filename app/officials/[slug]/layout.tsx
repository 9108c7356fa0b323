import { notFound, permanentRedirect } from 'next/navigation';
import { officialSlugTarget } from '@/lib/data/officials';

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/**
 * An unknown official answers 404, and a merged one a 308 to the official kept. Both are decided here, outside
 * the page's loading.tsx boundary, because once the skeleton has been sent the status can no longer change.
 */
export default async function OfficialLayout({ children, params }: Props) {
  const { slug } = await params;
  const target = await officialSlugTarget(slug);
  if (target === null) notFound();
  if (target !== slug) permanentRedirect(`/officials/${target}`);
  return children;
}
