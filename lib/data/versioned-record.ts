import 'server-only';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from './actor';
import { writeAudit } from './audit';

type Tx = Prisma.TransactionClient;

/*
 * The audited, version-guarded writes of an admin-edited record (a context
 * event, a channel): an edit or delete only goes through on the version the
 * admin started from, else CONFLICT with the record as it now stands in
 * details.current, or NOT_FOUND when it is gone. Each record kind says only
 * how to read its snapshot and how to write its row.
 */

type Doing = 'edit' | 'delete';

/** `noun` names the record in messages ("event", "channel"); `snapshot` reads it inside a transaction. */
export function versionedRecord<S extends { version: number }>(options: {
  noun: string;
  entityType: string;
  snapshot: (tx: Tx, id: string) => Promise<S | null>;
}) {
  const { noun, entityType, snapshot } = options;
  const gone = `This ${noun} no longer exists: someone may have deleted it.`;

  /** The conflict an edit or delete from an older version meets, carrying the record as it now stands. */
  function conflict(current: S, version: number, doing: Doing): AppError {
    const changed = `Someone else changed this ${noun} since you opened it (you started from version ${version}; it is now version ${current.version}).`;
    return new AppError(
      'CONFLICT',
      doing === 'edit'
        ? `${changed} Your changes were not saved.`
        : `${changed} It was not deleted. Check their changes, then delete it again if you still mean to.`,
      undefined,
      { current },
    );
  }

  /** Reads the record inside the write's transaction: NOT_FOUND when gone, CONFLICT when on another version. */
  async function currentOn(tx: Tx, id: string, version: number, doing: Doing): Promise<S> {
    const current = await snapshot(tx, id);
    if (current === null) throw new AppError('NOT_FOUND', gone);
    if (current.version !== version) throw conflict(current, version, doing);
    return current;
  }

  /** A concurrent write changed or deleted the row between the read and the guarded write. */
  async function raceLost(tx: Tx, id: string, version: number, doing: Doing): Promise<never> {
    const current = await snapshot(tx, id);
    if (current === null) throw new AppError('NOT_FOUND', gone);
    throw conflict(current, version, doing);
  }

  return {
    /** Creates the row with `create`, audited with its full snapshot. */
    async create(tx: Tx, actor: Actor, create: () => Promise<{ id: string }>): Promise<S> {
      const { id } = await create();
      const after = (await snapshot(tx, id))!;
      await writeAudit(tx, actor, { action: 'create', entityType, entityId: id, after });
      return after;
    },

    /**
     * Updates the row with `update` (an updateMany on `where`, which must also
     * move the version on), only on `version`; audited before and after.
     */
    async update(
      tx: Tx,
      actor: Actor,
      id: string,
      version: number,
      update: (where: { id: string; version: number }) => Promise<{ count: number }>,
    ): Promise<S> {
      const before = await currentOn(tx, id, version, 'edit');
      const { count } = await update({ id, version });
      if (count === 0) await raceLost(tx, id, version, 'edit');
      const after = (await snapshot(tx, id))!;
      await writeAudit(tx, actor, { action: 'update', entityType, entityId: id, before, after });
      return after;
    },

    /**
     * Deletes the row with `remove` (a deleteMany on `where`), only on
     * `version`; audited with the record as it stood. `beforeDelete` runs first,
     * in the same transaction, and what it returns is added to the audit row's
     * copy of the record.
     */
    async delete<Extra extends object = object>(
      tx: Tx,
      actor: Actor,
      id: string,
      version: number,
      remove: (where: { id: string; version: number }) => Promise<{ count: number }>,
      beforeDelete?: (current: S) => Promise<Extra>,
    ): Promise<{ current: S; extra: Extra | undefined }> {
      const current = await currentOn(tx, id, version, 'delete');
      const extra = await beforeDelete?.(current);
      const { count } = await remove({ id, version });
      if (count === 0) await raceLost(tx, id, version, 'delete');
      await writeAudit(tx, actor, { action: 'delete', entityType, entityId: id, before: { ...current, ...extra } });
      return { current, extra };
    },
  };
}
