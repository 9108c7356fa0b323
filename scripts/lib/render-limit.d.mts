import type { IncomingMessage, ServerResponse } from 'node:http';

export const DEFAULT_RENDER_CONCURRENCY: number;
export const DEFAULT_RENDER_QUEUE: number;
export const DEFAULT_GRACE_MS: number;
/** A request property: how many requests its render will answer (see render-limit.mjs). */
export const RENDER_DEMAND: unique symbol;

export type RenderLimits = { concurrency: number; maxQueue: number };
export function renderLimitsFromEnv(env?: Record<string, string | undefined>): RenderLimits;

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
export type RenderLimiter = {
  stats(): { active: number; waiting: number; refused: number; dropped: number };
  wrap(handle: Handler): (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
};
/** staticPaths: the pathnames the build prerendered, read without waiting. */
export function createRenderLimiter(
  limits: RenderLimits & { graceMs?: number; staticPaths?: Iterable<string> },
): RenderLimiter;
