import type { ContactStatus, ContactType, DatePrecision } from './gaps/types';

/** How each contact type reads in a sentence or a table. */
export const TYPE_LABEL: Record<ContactType, string> = {
  CALL: 'Call',
  VIDEO_CALL: 'Video call',
  MEETING: 'Meeting',
  LETTER: 'Letter',
  HOTLINE: 'Hotline',
  OTHER: 'Contact',
};

/** How each status reads after the type ("Call refused"); SCHEDULED is an expected contact. */
export const STATUS_LABEL: Record<ContactStatus, string> = {
  HELD: 'held',
  REQUESTED: 'requested',
  REFUSED: 'refused',
  SCHEDULED: 'expected',
  CANCELLED: 'cancelled',
};

export const PRECISION_LABEL: Record<DatePrecision, string> = {
  DAY: 'day',
  MONTH: 'month',
  YEAR: 'year',
};
