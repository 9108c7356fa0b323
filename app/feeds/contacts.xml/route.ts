import { requestOrigin, withErrors } from '@/lib/api/respond';
import { listFeedContacts } from '@/lib/data/feeds';
import { ATOM_CONTENT_TYPE } from '@/lib/feeds/atom';
import { contactsFeed } from '@/lib/feeds/contact-feed';

export const dynamic = 'force-dynamic';

const FEED_SIZE = 50;

/** The newest contacts of every pair, as an Atom feed. */
export const GET = withErrors(async (request) => {
  const xml = contactsFeed({
    name: 'contacts',
    title: 'Counterpart: latest contacts',
    subtitle: 'Calls, meetings and letters between officials of different countries, newest first, with sources.',
    origin: requestOrigin(request),
    selfPath: '/feeds/contacts.xml',
    pagePath: '/',
    contacts: await listFeedContacts({ limit: FEED_SIZE }),
    now: new Date(),
  });
  return new Response(xml, { headers: { 'Content-Type': ATOM_CONTENT_TYPE } });
});
