import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * How a webhook body is signed (docs/WATCHES.md): HMAC-SHA256, keyed with the webhook's secret, of
 * `<timestamp>.<body>`, where the timestamp (Unix seconds) is sent in X-Counterpart-Timestamp and the
 * hex digest in X-Counterpart-Signature as `sha256=<hex>`. Signing the timestamp lets a receiver refuse
 * old requests replayed to it.
 */

export const SIGNATURE_HEADER = 'X-Counterpart-Signature';
export const TIMESTAMP_HEADER = 'X-Counterpart-Timestamp';
export const EVENT_HEADER = 'X-Counterpart-Event';
export const DELIVERY_HEADER = 'X-Counterpart-Delivery';

/** The signature header's value for a body sent at `timestamp` (Unix seconds). */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: true when the signature is the body's, compared in constant time. */
export function verifySignature(secret: string, timestamp: string | number, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
