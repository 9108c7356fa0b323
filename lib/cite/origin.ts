import 'server-only';
import { headers } from 'next/headers';
import { requestOrigin } from '../api/respond';

/** The origin the reader used (proxy's forwarded host and scheme when sane), for absolute links on pages. */
export async function pageOrigin(): Promise<string> {
  const list = await headers();
  try {
    return requestOrigin(new Request(`http://${list.get('host') ?? 'localhost'}/`, { headers: list }));
  } catch {
    return 'http://localhost';
  }
}
