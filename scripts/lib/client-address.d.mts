import type { BlockList } from 'node:net';

export type TrustedProxies = { list: BlockList; count: number; invalid: string[] };

export const CLIENT_ADDRESS_HEADER: string;
export function normalizeAddress(value: unknown): string | null;
export function parseTrustedProxies(value: string | undefined): TrustedProxies;
export function isTrustedProxy(address: string, trusted: TrustedProxies | undefined): boolean;
export function clientAddress(input: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trusted: TrustedProxies | undefined;
}): string;
