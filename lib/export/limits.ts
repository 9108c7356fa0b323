/** The most contacts one export holds; beyond it the reader is asked to narrow the filters. */
export const EXPORT_MAX_CONTACTS = 25_000;
