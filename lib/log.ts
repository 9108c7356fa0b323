import type { Logger } from 'pino';
import { createLogger } from './logging.mjs';

const globalForLog = globalThis as unknown as { counterpartLog?: Logger };

/**
 * The server's logger: JSON lines on standard output at LOG_LEVEL, configured as scripts/server.mjs's
 * own (lib/logging.mjs). Lines logged while a request is served carry its `reqId` by themselves.
 * Never log headers, bodies or anything a user typed as a secret: see lib/logging.mjs. Not marked
 * server-only: the API's shapes (lib/api/examples.ts → respond.ts) are read by the end-to-end tests too.
 */
export const log: Logger = (globalForLog.counterpartLog ??= createLogger());
