import { describe, expect, it } from 'vitest';
import { zIsoDate } from './common';
import { ZContextEventInput } from './event';
import { ZGapPageQuery } from './gap-page';
import { ZUndoMergeInput } from './merge';

/*
 * Values the schemas took that the database then refused with an error, a 500 (found by the fuzzer,
 * lib/testing/fuzz): each is now a message on the field.
 */

describe('values past what PostgreSQL stores', () => {
  it('refuses the year 0000, which JavaScript reads as 1 BC and PostgreSQL does not have', () => {
    // The fuzzer's payload: createEventAction with date=0000-01-01 threw `date/time field value out of range`.
    expect(zIsoDate.safeParse('0000-01-01').error?.issues[0].message).toBe('Enter a date from the year 1 on');
    expect(ZContextEventInput.safeParse({ date: '0000-01-01', title: 'x' }).success).toBe(false);
    expect(zIsoDate.parse('0001-01-01')).toBe('0001-01-01');
    expect(zIsoDate.parse('9999-12-31')).toBe('9999-12-31');
    for (const date of ['0000-00-00', '2022-02-30', '275760-09-13', '+275760-09-13', '-000001-01-01']) {
      expect(zIsoDate.safeParse(date).success, date).toBe(false);
    }
  });

  it('refuses a gap cursor in the year 0000', () => {
    expect(ZGapPageQuery.safeParse({ before: '0000-01-01~abc' }).success).toBe(false);
    expect(ZGapPageQuery.parse({ before: '0001-01-01~abc' }).before).toEqual({ date: '0001-01-01', id: 'abc' });
  });

  it('refuses an audit id past the largest bigint', () => {
    // The fuzzer's payload: undoMergeAction with auditId=9223372036854775808 threw `out of range for type bigint`.
    expect(ZUndoMergeInput.safeParse({ auditId: '9223372036854775808' }).success).toBe(false);
    expect(ZUndoMergeInput.parse({ auditId: '9223372036854775807' })).toEqual({ auditId: '9223372036854775807' });
    // Text that is no number at all is refused by the same message, not thrown on.
    expect(ZUndoMergeInput.safeParse({ auditId: "'; DROP TABLE contact; --" }).error?.issues[0].message).toBe(
      'The form did not say which merge to undo.',
    );
  });
});
