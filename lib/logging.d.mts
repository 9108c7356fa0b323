import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DestinationStream, Level, Logger, LoggerOptions } from 'pino';

export type LogLevel = Level | 'silent';
export type LogFormat = 'json' | 'pretty';

export const LOG_LEVELS: readonly LogLevel[];
export const LOG_FORMATS: readonly LogFormat[];
export function logLevelFromEnv(raw: string | undefined): LogLevel;
export function logFormatFromEnv(raw: string | undefined): LogFormat | null;
export const REDACT_PATHS: readonly string[];
export const requestContext: AsyncLocalStorage<{ reqId: string }>;
export function currentRequestId(): string | undefined;
export function loggerOptions(level: LogLevel): LoggerOptions;
export function createLogger(options?: { level?: LogLevel; destination?: DestinationStream }): Logger;
export const PRETTY_OPTIONS: Record<string, string | boolean>;
