import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pairQueryToString, ZPairQuery } from './pair-query';

const fieldsOf = (input: Record<string, unknown>): Record<string, string[] | undefined> => {
  const result = ZPairQuery.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return z.flattenError(result.error).fieldErrors;
};

describe('ZPairQuery', () => {
  it('reads a pair of officials, of offices (upper-cased) or of countries', () => {
    expect(ZPairQuery.parse({ a: 'lloyd-austin', b: 'sergei-shoigu' })).toEqual({
      level: 'OFFICIAL',
      a: 'lloyd-austin',
      b: 'sergei-shoigu',
    });
    expect(ZPairQuery.parse({ officeA: 'us:secdef', officeB: 'RU:MINDEF' })).toEqual({
      level: 'OFFICE',
      a: 'US:SECDEF',
      b: 'RU:MINDEF',
    });
    expect(ZPairQuery.parse({ countryA: 'us', countryB: 'RU' })).toEqual({ level: 'COUNTRY', a: 'US', b: 'RU' });
  });

  it('asks for a pair when none is given', () => {
    const fields = fieldsOf({});
    expect(Object.keys(fields)).toEqual(['a', 'b']);
    expect(fields.a![0]).toMatch(/a and b .*officeA and officeB .*countryA and countryB/);
  });

  it('names the missing side of a half-given pair', () => {
    expect(fieldsOf({ a: 'x' })).toEqual({ b: ['Give b together with a'] });
    expect(fieldsOf({ countryB: 'RU' })).toEqual({ countryA: ['Give countryA together with countryB'] });
    expect(fieldsOf({ a: 'x', b: '' })).toEqual({ b: ['Give b together with a'] });
  });

  it('refuses two kinds of pair at once, naming the extra parameters', () => {
    const fields = fieldsOf({ a: 'x', b: 'y', countryA: 'US', countryB: 'RU' });
    expect(Object.keys(fields)).toEqual(['countryA', 'countryB']);
    expect(fields.countryA![0]).toMatch(/^Give one pair only/);
  });

  it('refuses the same side twice and two offices of one country', () => {
    expect(fieldsOf({ a: 'x', b: 'x' })).toEqual({ b: ['a and b name the same side'] });
    expect(fieldsOf({ officeA: 'US:SECDEF', officeB: 'US:CJCS' })).toEqual({
      officeB: ['Both offices are in US: a pair needs two countries'],
    });
  });

  it('checks each value: a real country, an office key', () => {
    expect(fieldsOf({ countryA: 'US', countryB: 'ZZ' })).toEqual({
      countryB: ['Use a two-letter ISO country code, e.g. US or RU'],
    });
    expect(fieldsOf({ officeA: 'SECDEF', officeB: 'RU:MINDEF' })).toEqual({
      officeA: ['Use COUNTRY:OFFICE, e.g. US:SECDEF'],
    });
  });

  it('turns back into the parameters that name the pair', () => {
    expect(pairQueryToString({ level: 'OFFICIAL', a: 'lloyd-austin', b: 'sergei-shoigu' })).toBe(
      'a=lloyd-austin&b=sergei-shoigu',
    );
    expect(pairQueryToString({ level: 'OFFICE', a: 'US:SECDEF', b: 'RU:MINDEF' })).toBe(
      'officeA=US%3ASECDEF&officeB=RU%3AMINDEF',
    );
  });
});
