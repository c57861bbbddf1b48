// Dates, times and numbers for people. ISO dates are parsed by hand and formatted in UTC,
// so the computer's time zone can never shift a day.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-01" → { y, m, d } or null. */
export function parseIsoDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? '').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return { y, m: mo, d, date };
}

export const isIsoDate = (iso) => parseIsoDate(iso) !== null;

/** "2026-12-01" → "Tue 1 Dec 2026". */
export function formatDate(iso) {
  const p = parseIsoDate(iso);
  if (!p) return String(iso ?? '');
  return `${WEEKDAYS[p.date.getUTCDay()]} ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** The ISO date `days` after `iso`. */
export function addDays(iso, days) {
  const p = parseIsoDate(iso);
  if (!p) return iso;
  const next = new Date(p.date.getTime() + days * 86400000);
  return next.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysBetween(a, b) {
  const pa = parseIsoDate(a);
  const pb = parseIsoDate(b);
  if (!pa || !pb) return NaN;
  return Math.round((pb.date - pa.date) / 86400000);
}

/** "19:00:00" or "19:00" → "19:00". */
export function formatTime(t) {
  const m = /^(\d{1,2}):(\d{2})/.exec(String(t ?? ''));
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : String(t ?? '');
}

/** A valid "HH:MM" wall-clock time? */
export function isTime(t) {
  const m = /^(\d{2}):(\d{2})$/.exec(String(t ?? '').trim());
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/** 0.25 → "0.25 mm". */
export function formatMm(mm) {
  const n = Number(mm);
  if (!Number.isFinite(n)) return '';
  return `${Number(n.toFixed(2))} mm`;
}

export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** 52.52, 13.405 → "52.52° N, 13.41° E". */
export function formatCoords(lat, lon) {
  const a = Number(lat);
  const b = Number(lon);
  const ns = a >= 0 ? 'N' : 'S';
  const ew = b >= 0 ? 'E' : 'W';
  return `${Math.abs(a).toFixed(2)}° ${ns}, ${Math.abs(b).toFixed(2)}° ${ew}`;
}

export function capitalise(s) {
  const text = String(s ?? '');
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Ends a sentence with a full stop if it has none. */
export function sentence(s) {
  const text = capitalise(String(s ?? '').trim());
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Parse what a person typed as a number: "" → null, "0,3" → 0.3, "abc" → NaN. */
export function parseNumber(value) {
  const text = String(value ?? '').trim().replace(',', '.');
  if (text === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return NaN;
  return Number(text);
}

const LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "2026-12-04" → "Fri 4 Dec" (the year left out, for dates close to today). */
export function formatDay(iso) {
  const p = parseIsoDate(iso);
  if (!p) return String(iso ?? '');
  return `${WEEKDAYS[p.date.getUTCDay()]} ${p.d} ${MONTHS[p.m - 1]}`;
}

/** "2026-12-04" → "Friday 4 December 2026", for screen readers. */
export function formatLongDate(iso) {
  const p = parseIsoDate(iso);
  if (!p) return String(iso ?? '');
  return `${LONG_WEEKDAYS[p.date.getUTCDay()]} ${p.d} ${LONG_MONTHS[p.m - 1]} ${p.y}`;
}

/** "2026-12" → "December 2026". */
export function formatMonth(ym) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(ym ?? ''));
  return m ? `${LONG_MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(ym ?? '');
}

/** The month ("YYYY-MM") `delta` months from `ym`. */
export function addMonths(ym, delta) {
  const [y, m] = ym.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(iso) {
  const p = parseIsoDate(iso);
  return p ? (p.date.getUTCDay() + 6) % 7 : 0;
}

/** The wall-clock "HH:MM" of an ISO date-time ("2026-12-02T11:02:13+01:00"). */
export function clockOf(dateTime) {
  const m = /T(\d{2}):(\d{2})/.exec(String(dateTime ?? ''));
  return m ? `${m[1]}:${m[2]}` : '';
}

/** "in 3 days", "tomorrow", "today", "2 days ago". */
export function relativeDays(from, to) {
  const n = daysBetween(from, to);
  if (Number.isNaN(n)) return '';
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}
