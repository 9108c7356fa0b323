import Link from 'next/link';

export default function ContactNotFound() {
  return (
    <section className="max-w-xl">
      <h1 className="text-3xl font-semibold tracking-tight">No such contact</h1>
      <p className="text-muted mt-3">
        There is no contact at this address: it may have been deleted, or the link is mistyped.{' '}
        <Link href="/search">Search the contacts</Link> or <Link href="/contacts/new">log a new one</Link>.
      </p>
    </section>
  );
}
