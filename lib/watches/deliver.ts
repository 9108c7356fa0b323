/*
 * One webhook request: a POST of the signed JSON body, through Node's own http(s) client with a DNS
 * lookup that refuses non-public addresses (address.ts) at the moment of connecting, so the address
 * checked is the address used. Redirects are not followed: a receiver answers where it was asked.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { privateAddressKind, refusedMessage } from './address';
import { DELIVERY_HEADER, EVENT_HEADER, signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type SendResult = { ok: boolean; status: number | null; error: string | null; durationMs: number };

/** A webhook address's host refused: the reason, or null when it may be reached (checked again on connecting). */
export async function checkWebhookHost(url: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const kind = privateAddressKind(host);
    return kind === null ? null : refusedMessage(host, host, kind);
  }
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    return `The host ${host} could not be found (no DNS record).`;
  }
  for (const { address } of addresses) {
    const kind = privateAddressKind(address);
    if (kind !== null) return refusedMessage(host, address, kind);
  }
  return null;
}

class RefusedAddress extends Error {}

/** A lookup that answers only public addresses, or fails with the reason. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      if (!allowPrivate) {
        for (const { address } of list) {
          const kind = privateAddressKind(address);
          if (kind !== null) return callback(new RefusedAddress(refusedMessage(hostname, address, kind)), '', 0);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** POSTs `body` to `url`, signed with `secret`; never throws: a failure is in the result. */
export async function sendWebhook(options: {
  url: string;
  secret: string;
  body: string;
  event: string;
  deliveryId: string;
  allowPrivate: boolean;
  timestamp?: number;
}): Promise<SendResult> {
  const started = performance.now();
  const done = (ok: boolean, status: number | null, error: string | null): SendResult => ({
    ok,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) !== 0) {
    const kind = privateAddressKind(host);
    if (kind !== null) return done(false, null, refusedMessage(host, host, kind));
  }
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivate),
        timeout: WEBHOOK_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(options.body),
          'User-Agent': 'Counterpart-Webhook/1',
          [EVENT_HEADER]: options.event,
          [DELIVERY_HEADER]: options.deliveryId,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signBody(options.secret, timestamp, options.body),
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The body is not needed; reading it frees the socket.
        response.resume();
        response.on('end', () =>
          resolve(
            status >= 200 && status < 300
              ? done(true, status, null)
              : done(false, status, `The receiver answered HTTP ${status}`),
          ),
        );
        response.on('error', (error) => resolve(done(false, status, error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      resolve(
        done(false, null, error instanceof RefusedAddress || !code ? error.message : `${code}: ${error.message}`),
      );
    });
    request.end(options.body);
  });
}
