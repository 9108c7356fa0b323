import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="max-w-xl">
      <h1 className="text-3xl font-semibold tracking-tight">Not found</h1>
      <p className="text-muted mt-3">
        There is nothing at this address. <Link href="/">Go to the dashboard</Link>.
      </p>
    </section>
  );
}
