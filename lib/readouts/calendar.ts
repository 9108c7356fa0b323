/** The English names of the months and weekdays, January and Monday first, from the platform's own calendar. */
const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
const weekdayName = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' });

export const MONTH_NAMES = Array.from({ length: 12 }, (_, m) => monthName.format(Date.UTC(2000, m, 1)));

// 3 January 2000 was a Monday.
export const WEEKDAY_NAMES = Array.from({ length: 7 }, (_, d) => weekdayName.format(Date.UTC(2000, 0, 3 + d)));
