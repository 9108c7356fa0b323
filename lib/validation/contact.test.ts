import { describe, expect, it } from 'vitest';
import { ZContactInput } from './contact';

const call = { date: '2022-05-13', type: 'CALL', status: 'HELD', participants: ['a', 'b'] };
const source = { url: 'https://www.defense.gov/News/Releases/' };

function messages(input: unknown) {
  const result = ZContactInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('ZContactInput', () => {
  it('says what a body without sources or participants lacks, in words', () => {
    expect(messages({ ...call, participants: undefined, sources: [source] })).toEqual([
      ['participants', 'List the participants: ids or slugs of two or more officials'],
    ]);
    expect(messages(call)).toEqual([['sources', 'Add at least one source: every contact needs one']]);
  });

  it('takes null claims as no claims, as it reads null for every other optional field', () => {
    const parsed = ZContactInput.parse({ ...call, sources: [{ ...source, claims: null, quote: null }] });
    expect(parsed.sources[0].claims).toBeUndefined();
  });
});
