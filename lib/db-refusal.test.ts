import { describe, expect, it } from 'vitest';
import { databaseRefusal } from './db-refusal';

/** A pg error as the driver throws it: the SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

/** The shape Prisma gives through the pg driver adapter, for a code the adapter does not name. */
const viaPrisma = (code: string, message: string) =>
  Object.assign(new Error(`Raw query failed. Code: \`${code}\`. Message: \`${message}\``), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code, message } } },
  });

describe('databaseRefusal', () => {
  it('says writes are refused because the database is read-only (25006), however it is wrapped', () => {
    for (const error of [
      pgError('25006', 'cannot execute INSERT in a read-only transaction'),
      viaPrisma('25006', 'cannot execute INSERT in a read-only transaction'),
      new Error('Invalid `prisma.contact.create()` invocation: cannot execute INSERT in a read-only transaction'),
    ]) {
      const refusal = databaseRefusal(error);
      expect(refusal?.reason).toBe('read-only');
      expect(refusal?.message).toMatch(/^Writes are refused for now because the database is read-only\./);
    }
  });

  it('says writes are refused because the disk is full (53100)', () => {
    const message = 'could not extend file "base/16384/16385": No space left on device';
    for (const error of [pgError('53100', message), viaPrisma('53100', message), new Error(message)]) {
      expect(databaseRefusal(error)).toMatchObject({
        reason: 'disk-full',
        message: expect.stringMatching(/because the database server’s disk is full\. Nothing was saved/),
      });
    }
  });

  it('knows out of memory (53200) and a full connection table (53300), as the adapter names the latter', () => {
    expect(databaseRefusal(viaPrisma('53200', 'out of memory'))?.reason).toBe('out-of-memory');
    const tooMany = Object.assign(new Error('Too many database connections opened'), {
      name: 'DriverAdapterError',
      cause: { kind: 'TooManyConnections', originalCode: '53300', cause: 'sorry, too many clients already' },
    });
    expect(databaseRefusal(tooMany)?.reason).toBe('too-many-connections');
    expect(databaseRefusal(pgError('53300', 'sorry, too many clients already'))?.reason).toBe('too-many-connections');
  });

  it('keeps the messages of a database that is down or slow', () => {
    expect(databaseRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))?.message).toBe(
      'The database is not answering; try again in a moment.',
    );
    expect(databaseRefusal(viaPrisma('57014', 'canceling statement due to statement timeout'))?.reason).toBe('timeout');
  });

  it('knows a session ended under a query and a broken client, as Prisma wraps them', () => {
    const ended = Object.assign(
      new Error('Database error. Code: `57P01`. Message: `terminating connection due to administrator command`'),
      {
        code: 'P2039',
        meta: {
          driverAdapterError: Object.assign(new Error('terminating connection due to administrator command'), {
            cause: { kind: 'postgres', code: '57P01' },
          }),
        },
      },
    );
    expect(databaseRefusal(ended)?.reason).toBe('unreachable');
    expect(databaseRefusal(new Error('Client has encountered a connection error and is not queryable'))?.reason).toBe(
      'unreachable',
    );
  });

  it('says the database is busy when a transaction could not start, or ran out of time, in time', () => {
    const late = (message: string) => Object.assign(new Error(`Transaction API error: ${message}`), { code: 'P2028' });
    expect(databaseRefusal(late('Unable to start a transaction in the given time.'))?.reason).toBe('busy');
    expect(databaseRefusal(late('A query cannot be executed on an expired transaction.'))?.reason).toBe('busy');
    expect(databaseRefusal(late('Transaction not found.'))).toBeNull();
  });

  it('is null for a bug or a bad query, which stay a 500', () => {
    expect(databaseRefusal(new Error('Cannot read properties of undefined'))).toBeNull();
    expect(databaseRefusal(viaPrisma('42703', 'column "x" does not exist'))).toBeNull();
    expect(databaseRefusal(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
    expect(databaseRefusal(null)).toBeNull();
  });
});
