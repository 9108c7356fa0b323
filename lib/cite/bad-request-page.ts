/*
 * The HTML answer of a page address whose `asOf` is refused (400): Next.js pages cannot answer 400
 * themselves, so proxy.ts sends this, in the site's colours, with the reason and a link to today's page.
 */
import { staticPage } from '../static-page';
import { escapeXml } from '../xml';

export function badRequestPage(options: { message: string; todayHref: string }): string {
  return staticPage({
    title: 'Not a date this page can show',
    heading: 'Not a date this page can show',
    body: `<p>${escapeXml(options.message)}</p>
<p><a href="${escapeXml(options.todayHref)}">See the pair as it stands today</a></p>`,
  });
}
