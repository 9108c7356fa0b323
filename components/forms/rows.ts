import { flushSync } from 'react-dom';

/**
 * The edits of a list of rows in a form (an official's positions, a contact's
 * sources): change a row, add one and move focus to its first field, remove
 * one and move focus to the row now in its place (or to `fallbackId` when none
 * is left), so a keyboard user never loses their place.
 */
export function rowEditor<R>({
  count,
  setRows,
  empty,
  firstFieldId,
  fallbackId,
}: {
  /** How many rows there are now. */
  count: number;
  setRows: (update: (rows: R[]) => R[]) => void;
  empty: () => R;
  /** The id of the first field of row `index`. */
  firstFieldId: (index: number) => string;
  /** What takes focus when the last row goes: the add button. */
  fallbackId: string;
}) {
  return {
    change(index: number, patch: Partial<R>) {
      setRows((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    },
    add() {
      flushSync(() => setRows((rows) => [...rows, empty()]));
      document.getElementById(firstFieldId(count))?.focus();
    },
    remove(index: number) {
      flushSync(() => setRows((rows) => rows.filter((_, i) => i !== index)));
      const neighbour = Math.min(index, count - 2);
      document.getElementById(neighbour >= 0 ? firstFieldId(neighbour) : fallbackId)?.focus();
    },
  };
}
