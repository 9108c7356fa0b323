/*
 * Placeholders that hold a page's shape while its data is read: the blocks take the real parts' sizes, so
 * nothing moves when they arrive. They pulse only for readers who have not asked for reduced motion.
 */

/** A grey block of the size its classes give it (height and width), hidden from assistive technology. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`bg-rule/70 rounded motion-safe:animate-pulse ${className}`} />;
}

/** Lines of text, the last one shorter, as a paragraph of that many lines takes. */
export function SkeletonText({ lines = 3, className = '' }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`space-y-2.5 ${className}`}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`h-4 ${i === lines - 1 && lines > 1 ? 'w-2/3' : 'w-full'}`} />
      ))}
    </div>
  );
}

/**
 * The region a skeleton stands in for: busy, and named for screen readers ("Loading the pair…"), which read
 * the text and skip the blocks. `data-skeleton` lets the layout hide it when the real part arrives without
 * JavaScript (app/layout.tsx).
 */
export function SkeletonRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div aria-busy="true" data-skeleton="" className={className}>
      <p role="status" className="sr-only">
        {label}
      </p>
      {children}
    </div>
  );
}
