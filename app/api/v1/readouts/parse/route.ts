import { readJsonObject } from '@/lib/api/body';
import { invalidInput, jsonResponse, withErrors } from '@/lib/api/respond';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';
import { parseReadout } from '@/lib/data/readouts';
import { ZReadoutInput } from '@/lib/validation/readout';

export const dynamic = 'force-dynamic';

/**
 * Proposes a contact from the text of a readout: date, participants, type,
 * status, initiator, duration, location and source, each with the phrase it
 * was read from and a confidence. It writes nothing, so it needs no token;
 * the body is bounded like every API body, and the text by the schema.
 */
export const POST = withErrors(async (request) => {
  const body = await readJsonObject(request);
  const parsed = ZReadoutInput.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { text, url, publishedAt } = parsed.data;
  return jsonResponse(await parseReadout({ text, url, publishedAt }));
});

const notAllowed = methodNotAllowed('POST');
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
