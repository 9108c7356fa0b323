import { CONTACT_TEMPLATE } from '@/lib/import/template';

export const dynamic = 'force-static';

/** The contacts import format as a file to fill in: the header and three example rows. */
export function GET() {
  return new Response(CONTACT_TEMPLATE, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="counterpart-contacts-template.csv"',
    },
  });
}
