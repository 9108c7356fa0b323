import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export const REQUEST_ID_HEADER: string;
export function acceptRequestId(value: string | string[] | undefined, generate?: () => string): string;
export const MAX_ROUTE_LENGTH: number;
export function routeOf(url: string | undefined): string;
export function levelFor(status: number, route: string): 'error' | 'warn' | 'info' | 'debug';
export function withoutHeader(rawHeaders: string[], name: string): string[];
export function assignRequestId(req: IncomingMessage, res: ServerResponse, generate?: () => string): string;
export function logRequest(input: {
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  req: IncomingMessage;
  res: ServerResponse;
  reqId: string;
  now?: () => number;
}): void;
