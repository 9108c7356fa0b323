import { notFound, permanentRedirect } from 'next/navigation';
import { getOfficialBySlug } from '@/lib/data/officials';

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/**
 * An unknown official answers 404, and a merged one a 308 to the official kept. Both are decided here, outside
 * the page's loading.tsx boundary, because once the skeleton has been sent the status can no longer change.
 * The profile read is cached for the request: the page and its metadata use the same one.
 */
export default async function OfficialLayout({ children, params }: Props) {
  const official = await getOfficialBySlug((await params).slug);
  if (official === null) notFound();
  if (official.mergedInto) permanentRedirect(`/officials/${official.mergedInto.slug}`);
  return children;
}
