import Link from 'next/link';
import { AdminNav } from '@/components/admin/admin-nav';

/**
 * The admin area's frame. It guards nothing: every admin page checks the
 * permission itself (requirePermittedPage), and every action checks it again.
 */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <p className="text-muted text-sm font-medium tracking-wider uppercase">
        <Link href="/admin" className="no-underline hover:underline">
          Admin
        </Link>
      </p>
      <div className="mt-3 mb-8">
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
