import type { IncomingMessage, ServerResponse } from 'node:http';

type Next = (req: IncomingMessage, res: ServerResponse) => unknown;

export const CACHE_STATUS_HEADER: string;
export const DEFAULT_CACHE_MB: number;

export function acceptsGzip(value: string | string[] | undefined): boolean;
export function cacheableTags(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string[] | null;
export function coalesce(roundTrip: () => unknown): () => Promise<void>;
export function cacheBytesFromEnv(raw: string | undefined): number;

export type CacheEntry = {
  status: number;
  headers: Record<string, string | string[] | number>;
  body: Buffer;
  tags: string[];
  size: number;
};

export class ResponseCache {
  constructor(options: {
    maxBytes: number;
    barrier: () => Promise<void>;
    isUp?: () => boolean;
    now?: () => Date;
    maxEntryBytes?: number;
  });
  readonly size: { entries: number; bytes: number };
  readonly counts: { hit: number; miss: number; bypass: number; stored: number; shared: number; invalidations: number };
  readonly waiting: number;
  seq: number;
  invalidate(tags: Iterable<string>, texts?: readonly string[]): void;
  clear(): void;
  keyFor(req: Pick<IncomingMessage, 'url' | 'headers'>): string;
  handle(req: IncomingMessage, res: ServerResponse, next: Next): Promise<unknown>;
}

export class InvalidationListener {
  constructor(options: {
    connectionString: string;
    onInvalidate: (tags: string[], texts: string[]) => void;
    onUp?: () => void;
    onDown?: () => void;
    log?: (line: string) => void;
    minDelayMs?: number;
    maxDelayMs?: number;
    barrierTimeoutMs?: number;
  });
  readonly up: boolean;
  readonly barrier: () => Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function startResponseCache(options?: {
  env?: Record<string, string | undefined>;
  dev?: boolean;
  log?: (line: string) => void;
}): Promise<{
  maxBytes: number;
  cache: ResponseCache;
  listener: InvalidationListener;
  handle: (req: IncomingMessage, res: ServerResponse, next: Next) => Promise<unknown>;
  stop: () => Promise<void>;
} | null>;
