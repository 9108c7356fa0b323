import { describe, expect, it } from 'vitest';
import { clientAddress, isTrustedProxy, normalizeAddress, parseTrustedProxies } from './client-address.mjs';

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:DB8::1', '2001:db8::1'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    [' 198.51.100.2 ', '198.51.100.2'],
    ['unknown', null],
    ['', null],
    ['203.0.113.300', null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });
});

describe('parseTrustedProxies', () => {
  it('takes addresses and CIDR ranges of both families', () => {
    const trusted = parseTrustedProxies(' 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,::1');
    expect(trusted.invalid).toEqual([]);
    expect(trusted.count).toBe(4);
    expect(isTrustedProxy('10.200.3.4', trusted)).toBe(true);
    expect(isTrustedProxy('::ffff:10.200.3.4', trusted)).toBe(true);
    expect(isTrustedProxy('11.0.0.1', trusted)).toBe(false);
    expect(isTrustedProxy('192.0.2.1', trusted)).toBe(true);
    expect(isTrustedProxy('192.0.2.2', trusted)).toBe(false);
    expect(isTrustedProxy('2001:db8:ffff::9', trusted)).toBe(true);
    expect(isTrustedProxy('2001:db9::9', trusted)).toBe(false);
    expect(isTrustedProxy('::1', trusted)).toBe(true);
  });

  it('names the entries it cannot read, and trusts nothing when unset', () => {
    expect(parseTrustedProxies('10.0.0.0/33, proxy.internal, 10.0.0.1/, 10.0.0.2').invalid).toEqual([
      '10.0.0.0/33',
      'proxy.internal',
      '10.0.0.1/',
    ]);
    const none = parseTrustedProxies(undefined);
    expect(none.count).toBe(0);
    expect(isTrustedProxy('127.0.0.1', none)).toBe(false);
  });
});

describe('clientAddress', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.1');

  it('is the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = parseTrustedProxies('');
    for (const forwardedFor of ['198.18.0.1', '198.18.0.2, 198.18.0.3', undefined]) {
      expect(clientAddress({ socketAddress: '203.0.113.7', forwardedFor, trusted: none })).toBe('203.0.113.7');
    }
  });

  it('is the socket when the socket is not a trusted proxy, even if a trusted one is named in the header', () => {
    expect(clientAddress({ socketAddress: '203.0.113.7', forwardedFor: '198.18.0.1, 10.0.0.5', trusted })).toBe(
      '203.0.113.7',
    );
  });

  it('behind a trusted proxy, is the rightmost forwarded address that is not a trusted proxy', () => {
    // The client made up 198.18.0.1; the first proxy saw 203.0.113.7; a second proxy (10.1.1.1) passed it on.
    expect(
      clientAddress({ socketAddress: '10.2.2.2', forwardedFor: '198.18.0.1, 203.0.113.7, 10.1.1.1', trusted }),
    ).toBe('203.0.113.7');
    expect(clientAddress({ socketAddress: '::ffff:192.0.2.1', forwardedFor: '203.0.113.9', trusted })).toBe(
      '203.0.113.9',
    );
  });

  it('reads repeated X-Forwarded-For headers as one list', () => {
    expect(clientAddress({ socketAddress: '10.2.2.2', forwardedFor: ['198.18.0.1', '203.0.113.7'], trusted })).toBe(
      '203.0.113.7',
    );
  });

  it('stops at a malformed entry: the last trusted hop answers, not what lies beyond', () => {
    expect(clientAddress({ socketAddress: '10.2.2.2', forwardedFor: '198.18.0.1, garbage', trusted })).toBe('10.2.2.2');
    expect(clientAddress({ socketAddress: '10.2.2.2', forwardedFor: '198.18.0.1, nonsense, 10.3.3.3', trusted })).toBe(
      '10.3.3.3',
    );
  });

  it('is the proxy itself when it forwarded nothing, or only trusted hops', () => {
    expect(clientAddress({ socketAddress: '10.2.2.2', forwardedFor: undefined, trusted })).toBe('10.2.2.2');
    expect(clientAddress({ socketAddress: '10.2.2.2', forwardedFor: '10.9.9.9, 10.1.1.1', trusted })).toBe('10.9.9.9');
  });
});
