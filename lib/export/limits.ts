/** Contacts read and written per step of an export: its memory stays that of one batch, whatever its size. */
export const EXPORT_BATCH = 1_000;
