/**
 * Periods as the API writes them — "2025-06" (month), "2025-Q2" (quarter), "2025" (year),
 * "2025-06-15" (everything up to that day) — and the arithmetic the views need: the previous and
 * next period, first and last day, a readable label.
 */
import { t, formatDate } from '/shared/i18n.js';

export const KINDS = ['month', 'quarter', 'year', 'date'];

let serverToday = null;

/** Takes the server's today (GET /app-config), which may be pinned for a demonstration. */
export function setToday(day) {
  serverToday = /^\d{4}-\d{2}-\d{2}$/.test(day || '') ? day : null;
}

/** Today as the server counts it, else today in Viet Nam by this device's clock; YYYY-MM-DD. */
export function today() {
  return serverToday || new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

const pad = (n) => String(n).padStart(2, '0');

function iso(y, m, d) {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function lastDay(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds months to a YYYY-MM-DD day, keeping the day where the month has it (31 → 30). */
export function addMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** Adds days to a YYYY-MM-DD day. */
export function addDays(day, days) {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The kind of a period string, or null when it is none of the four. */
export function kindOf(period) {
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return 'date';
  return null;
}

/** The period of a kind that holds a day. */
export function periodOf(kind, day = today()) {
  const [y, m] = day.split('-').map(Number);
  switch (kind) {
    case 'month': return `${y}-${pad(m)}`;
    case 'quarter': return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year': return String(y);
    default: return day;
  }
}

/** First day of a period; null for everything up to a date. */
export function startOf(period) {
  const kind = kindOf(period);
  const y = Number(period.slice(0, 4));
  if (kind === 'month') return `${period}-01`;
  if (kind === 'quarter') return iso(y, (Number(period.slice(6)) - 1) * 3 + 1, 1);
  if (kind === 'year') return `${y}-01-01`;
  return null;
}

/** Last day of a period. */
export function endOf(period) {
  const kind = kindOf(period);
  const y = Number(period.slice(0, 4));
  if (kind === 'month') {
    const m = Number(period.slice(5, 7));
    return iso(y, m, lastDay(y, m));
  }
  if (kind === 'quarter') {
    const m = Number(period.slice(6)) * 3;
    return iso(y, m, lastDay(y, m));
  }
  if (kind === 'year') return `${y}-12-31`;
  return period;
}

/** The period n steps later (negative: earlier); "up to a date" steps by months. */
export function shift(period, n) {
  const kind = kindOf(period);
  if (kind === 'year') return String(Number(period) + n);
  if (kind === 'month') return periodOf('month', addMonths(`${period}-01`, n));
  if (kind === 'quarter') return periodOf('quarter', addMonths(startOf(period), 3 * n));
  return addMonths(period, n);
}

/**
 * The period to ask the API for a stock at the period's end and its change since the previous
 * period: the period itself, except "up to a date", which has no change; it is asked as the month
 * of days that ends on that date (the same stock at the end, and the change over that month).
 */
export function withChange(period) {
  if (kindOf(period) !== 'date') {
    return period;
  }
  return `${addDays(addMonths(period, -1), 1)}/${period}`;
}

/** A readable label: "quý 2/2025", "tháng 06/2025", "năm 2025", "đến ngày 15/06/2025". */
export function label(period) {
  const kind = kindOf(period);
  const y = period.slice(0, 4);
  if (kind === 'month') return t('period.label.month', { m: period.slice(5, 7), y });
  if (kind === 'quarter') return t('period.label.quarter', { q: period.slice(6), y });
  if (kind === 'year') return t('period.label.year', { y });
  if (kind === 'date') return t('period.label.date', { d: formatDate(period) });
  return period;
}

/** The label of what the change of withChange(period) is measured against. */
export function previousLabel(period) {
  if (kindOf(period) === 'date') {
    return formatDate(addMonths(period, -1));
  }
  return label(shift(period, -1));
}
