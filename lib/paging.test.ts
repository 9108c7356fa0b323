import { describe, expect, it } from 'vitest';
import { pageBefore, pageOf, parseCursor, parsePageNumber } from './paging';

// 7 items, two on one day, ordered by (date, id) as the pair page reads them.
const items = [
  { date: '2022-01-01', id: 'a' },
  { date: '2022-02-01', id: 'b' },
  { date: '2022-02-01', id: 'c' },
  { date: '2022-03-01', id: 'd' },
  { date: '2022-04-01', id: 'e' },
  { date: '2022-05-01', id: 'f' },
  { date: '2022-06-01', id: 'g' },
];
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).join('');

describe('pageBefore', () => {
  it('shows the newest items first, and walks back to the oldest and forward again', () => {
    const latest = pageBefore(items, null, 3);
    expect(ids(latest)).toBe('efg');
    expect(latest).toMatchObject({ from: 5, to: 7, total: 7, newer: null, older: '2022-04-01~e', nextDate: null });

    const middle = pageBefore(items, parseCursor(latest.older!), 3);
    expect(ids(middle)).toBe('bcd');
    expect(middle).toMatchObject({ from: 2, to: 4, older: '2022-02-01~b', newer: '', nextDate: '2022-04-01' });

    const oldest = pageBefore(items, parseCursor(middle.older!), 3);
    expect(ids(oldest)).toBe('a');
    expect(oldest).toMatchObject({ from: 1, to: 1, older: null, newer: '2022-04-01~e' });
    expect(ids(pageBefore(items, parseCursor(oldest.newer!), 3))).toBe('bcd');
  });

  it('keeps a page where it was when newer items arrive or its cursor item is deleted', () => {
    const cursor = parseCursor('2022-04-01~e');
    const grown = [...items, { date: '2022-07-01', id: 'h' }];
    expect(ids(pageBefore(grown, cursor, 3))).toBe('bcd');
    expect(
      ids(
        pageBefore(
          items.filter((i) => i.id !== 'e'),
          cursor,
          3,
        ),
      ),
    ).toBe('bcd');
  });

  it('shows everything on one page when the list is short', () => {
    expect(pageBefore(items, null, 10)).toMatchObject({ from: 1, to: 7, older: null, newer: null });
    expect(pageBefore([], null, 10)).toMatchObject({ items: [], from: 1, to: 0, older: null, newer: null });
  });
});

describe('parseCursor', () => {
  it('reads date~id and refuses anything else', () => {
    expect(parseCursor('2022-05-13~cm1abc')).toEqual({ date: '2022-05-13', id: 'cm1abc' });
    for (const bad of [
      undefined,
      '',
      'all',
      '2022-05-13',
      '2022-5-13~x',
      '2022-05-13~a b',
      '2024-02-30~x',
      '2023-13-01~x',
      ['2022-05-13~x'],
    ]) {
      expect(parseCursor(bad)).toBeNull();
    }
  });
});

describe('pageOf and parsePageNumber', () => {
  it('cuts numbered pages and shows the last one when asked past it', () => {
    expect(pageOf(items, 1, 3)).toMatchObject({ page: 1, pages: 3 });
    expect(ids(pageOf(items, 3, 3))).toBe('g');
    expect(pageOf(items, 99, 3)).toMatchObject({ page: 3 });
    expect(pageOf([], 1, 3)).toMatchObject({ items: [], page: 1, pages: 1 });
  });

  it('takes page 1 for anything that is not a page number', () => {
    expect(parsePageNumber('2')).toBe(2);
    for (const bad of [undefined, '', '0', '-1', 'x', '1e3', '9999999', ['2']]) expect(parsePageNumber(bad)).toBe(1);
  });
});
