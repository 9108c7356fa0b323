import { jsonResponse } from '@/lib/api/respond';
import { openApiDocument } from '@/lib/api/openapi';

// The document depends on nothing but the code: built once, served as a static file.
export const dynamic = 'force-static';

/** The OpenAPI 3.1 description of this API. */
export function GET() {
  return jsonResponse(openApiDocument);
}
