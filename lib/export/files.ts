import { log } from '../log';
import type { ExportFormat } from '../validation/export-format';

/** The media type of each export format. */
export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  plover: 'application/x-ndjson; charset=utf-8',
};

/** The file name extension of each export format: PLOVER event data is JSON Lines. */
const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', json: 'json', plover: 'jsonl' };

/** A date as YYYYMMDD (UTC), for file names. */
function stamp(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

/** A name part safe in a file name and a header: `US:SECDEF` → `us-secdef`. */
function slugPart(part: string): string {
  return part
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `counterpart-gaps-lloyd-austin-sergei-shoigu-20250601.csv`; a PLOVER export ends in `.jsonl`. */
export function exportFilename(options: { kind: string; parts?: string[]; at: Date; format: ExportFormat }): string {
  const { kind, parts = [], at, format } = options;
  const name = ['counterpart', kind, ...parts.map(slugPart), stamp(at)].filter((p) => p !== '').join('-');
  return `${name}.${EXTENSION[format]}`;
}

/** The headers of a download: its type and a file name to save it under. */
export function downloadHeaders(filename: string, format: ExportFormat): HeadersInit {
  return {
    'Content-Type': EXPORT_CONTENT_TYPE[format],
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Access-Control-Allow-Origin': '*',
  };
}

/**
 * A response body that writes the pieces as the client reads them (each piece is made only when
 * the previous one has been taken), ends the generator when the client goes away, and ends the
 * download with an error (not a short file that looks complete) when a later piece fails.
 * The first two pieces are made before it returns, so an early failure can still be answered
 * with a proper error status.
 */
export async function streamText(chunks: AsyncGenerator<string>, signal?: AbortSignal): Promise<ReadableStream> {
  const encoder = new TextEncoder();
  const ready: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const step = await chunks.next();
    if (step.done) break;
    ready.push(step.value);
  }
  const stop = () => void chunks.return(undefined);
  signal?.addEventListener('abort', stop, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (ready.length > 0) {
        controller.enqueue(encoder.encode(ready.shift()!));
        return;
      }
      try {
        const step = await chunks.next();
        if (step.done) {
          signal?.removeEventListener('abort', stop);
          controller.close();
        } else {
          controller.enqueue(encoder.encode(step.value));
        }
      } catch (error) {
        log.error({ err: error }, 'The export stopped part-way');
        controller.error(error);
      }
    },
    cancel: stop,
  });
}
