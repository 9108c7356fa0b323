import { describe, expect, it } from 'vitest';
import { privateAddressKind } from './address';
import { decide, thresholdDays, type PairNow } from './rules';

const running = (since: string, days: number, threshold: number | null): PairNow => ({
  since,
  running: true,
  closedOn: null,
  days,
  threshold,
});

describe('decide', () => {
  it('crosses once, at the threshold itself', () => {
    expect(decide(null, running('2022-02-18', 29, 30)).events).toEqual([]);
    const first = decide(null, running('2022-02-18', 30, 30));
    expect(first).toEqual({
      events: [{ kind: 'CROSSED', since: '2022-02-18', days: 30, thresholdDays: 30, endedOn: null }],
      crossedSince: '2022-02-18',
    });
    expect(decide(first.crossedSince, running('2022-02-18', 31, 30))).toEqual({
      events: [],
      crossedSince: '2022-02-18',
    });
  });

  it('ends when a later held contact comes, and crosses again at once when the new silence is past too', () => {
    expect(decide('2022-02-18', running('2022-05-13', 2, 30)).events).toEqual([
      { kind: 'ENDED', since: '2022-02-18', days: 84, thresholdDays: 30, endedOn: '2022-05-13' },
    ]);
    const both = decide('2022-02-18', running('2022-03-01', 40, 30));
    expect(both.events.map((e) => e.kind)).toEqual(['ENDED', 'CROSSED']);
    expect(both.crossedSince).toBe('2022-03-01');
  });

  it('ends a silence closed by an official leaving office, with no contact', () => {
    const closed: PairNow = { since: '2022-02-18', running: false, closedOn: '2022-04-01', days: 0, threshold: 30 };
    expect(decide('2022-02-18', closed).events).toEqual([
      { kind: 'ENDED', since: '2022-02-18', days: 42, thresholdDays: 30, endedOn: null },
    ]);
    expect(decide(null, closed).events).toEqual([]);
  });

  it('changes quietly when the threshold is raised or the last contact is deleted', () => {
    expect(decide('2022-02-18', running('2022-02-18', 40, 90))).toEqual({ events: [], crossedSince: null });
    expect(decide('2022-02-18', running('2022-01-10', 80, 30))).toEqual({ events: [], crossedSince: '2022-01-10' });
  });

  it('takes a multiple of the median rounded up, and waits without a median', () => {
    expect(thresholdDays({ multiple: 1.5 }, 84)).toBe(126);
    expect(thresholdDays({ multiple: 1.5 }, 83)).toBe(125);
    expect(thresholdDays({ multiple: 2 }, 10.5)).toBe(21);
    expect(thresholdDays({ multiple: 2 }, null)).toBeNull();
    expect(thresholdDays({ days: 7 }, null)).toBe(7);
  });
});

describe('privateAddressKind', () => {
  it('names the non-public ranges, IPv4 inside IPv6 included, and lets public addresses through', () => {
    expect(privateAddressKind('127.0.0.1')).toBe('a loopback address');
    expect(privateAddressKind('::ffff:7f00:1')).toBe('a loopback address');
    expect(privateAddressKind('::ffff:10.0.0.1')).toBe('a private address');
    expect(privateAddressKind('172.31.255.255')).toBe('a private address');
    expect(privateAddressKind('172.32.0.1')).toBeNull();
    expect(privateAddressKind('169.254.169.254')).toBe('a link-local address');
    expect(privateAddressKind('fe80::1')).toBe('a link-local address');
    expect(privateAddressKind('fd12:3456::1')).toBe('a private address');
    expect(privateAddressKind('100.64.0.1')).toBe('a shared (carrier-grade NAT) address');
    expect(privateAddressKind('0.0.0.0')).toBe('a reserved address');
    expect(privateAddressKind('93.184.215.14')).toBeNull();
    expect(privateAddressKind('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBeNull();
  });
});
