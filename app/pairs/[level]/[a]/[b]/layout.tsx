import { notFound } from 'next/navigation';
import { resolvePair } from '@/lib/data/pairs';
import { decodeSegment, levelFromSegment } from '@/lib/pairs';

type Props = { children: React.ReactNode; params: Promise<{ level: string; a: string; b: string }> };

/**
 * An unknown pair answers 404. This is checked here, outside the page's loading.tsx boundary, because once the
 * skeleton has been sent the status can no longer change.
 */
export default async function PairLayout({ children, params }: Props) {
  const { level: segment, a, b } = await params;
  const level = levelFromSegment(segment);
  if (level === null || (await resolvePair(level, decodeSegment(a), decodeSegment(b))) === null) notFound();
  return children;
}
