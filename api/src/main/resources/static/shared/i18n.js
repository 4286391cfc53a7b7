/**
 * Languages of the web apps: Vietnamese (the default) and English, and the formats of numbers,
 * dates and percentages through Intl (vi-VN in Vietnamese: "1.234,5", "12,3%", "06/12/2026";
 * en-GB in English). The choice is kept in localStorage and set on <html lang>.
 *
 *   import { t, addMessages, setLang, formatPercent } from '/shared/i18n.js';
 *   addMessages({ vi: { 'hello': 'Xin chào {name}' }, en: { 'hello': 'Hello {name}' } });
 *   t('hello', { name: 'Lan' });
 *
 * A missing English text falls back to the Vietnamese one, a missing key to the key itself, so a
 * gap shows instead of breaking the page. Elements with data-i18n="key" (text) or
 * data-i18n-attr="aria-label:key;placeholder:key" are filled by translate(root).
 */

const STORAGE_KEY = 'caunoi.lang';
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
const messages = { vi: {}, en: {} };
const listeners = new Set();

let current = readStored();

function readStored() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored && LOCALES[stored] ? stored : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode): Vietnamese, not kept
  }
}

/** The language in use: 'vi' or 'en'. */
export function lang() {
  return current;
}

/** The Intl locale of the language in use. */
export function locale() {
  return LOCALES[current];
}

/** The GraphQL Language enum value of the language in use (VI, EN). */
export function apiLang() {
  return current.toUpperCase();
}

/** Switches the language, keeps the choice, and tells the listeners. */
export function setLang(next) {
  if (!LOCALES[next] || next === current) {
    return;
  }
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not kept: fine
  }
  document.documentElement.lang = next;
  listeners.forEach((fn) => fn(next));
}

/** Calls fn(lang) after every switch; returns a function that stops it. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Adds texts: { vi: { key: text }, en: { key: text } }. Later additions win. */
export function addMessages(byLang) {
  for (const [l, texts] of Object.entries(byLang)) {
    Object.assign(messages[l] || (messages[l] = {}), texts);
  }
}

/** The text of key in the language in use, with {name} placeholders filled from params. */
export function t(key, params) {
  const text = messages[current][key] ?? messages.vi[key] ?? key;
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? params[name] === 0 ? String(params[name]) : m));
}

/** Whether a text exists for key (in the language in use or in Vietnamese). */
export function has(key) {
  return key in messages[current] || key in messages.vi;
}

const EMPTY = '—';

/** 1234.5 → "1.234,5" (vi). Null or undefined → "—". */
export function formatNumber(n, options) {
  if (n === null || n === undefined || Number.isNaN(n)) {
    return EMPTY;
  }
  return new Intl.NumberFormat(locale(), options).format(n);
}

/** A share 0..1 → "12,3%" (vi). Not capped: 1.04 → "104,0%". */
export function formatPercent(share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) {
    return EMPTY;
  }
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(share);
}

/** A difference of shares in percentage points, signed: 0.021 → "+2,1 điểm %". */
export function formatPoints(delta, digits = 1) {
  if (delta === null || delta === undefined || Number.isNaN(delta)) {
    return EMPTY;
  }
  const n = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' })
    .format(delta * 100);
  return t('format.points', { n });
}

/** A signed count: 1234 → "+1.234". */
export function formatChange(n) {
  if (n === null || n === undefined || Number.isNaN(n)) {
    return EMPTY;
  }
  return new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero' }).format(n);
}

/** "2026-12-06" → "06/12/2026" (vi), "06/12/2026" (en-GB). Read as a calendar day, never shifted by time zones. */
export function formatDate(isoDate) {
  if (!isoDate) {
    return EMPTY;
  }
  const [y, m, d] = String(isoDate).slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(y, m - 1, d));
}

/** An ISO instant → date and time in the reader's zone. */
export function formatDateTime(isoInstant) {
  if (!isoInstant) {
    return EMPTY;
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(isoInstant));
}

/** Seconds → "1 phút 5 giây" style duration, coarse. */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined || seconds < 0 || Number.isNaN(seconds)) {
    return EMPTY;
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return t('format.seconds', { n: s });
  }
  return t('format.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** Fills data-i18n and data-i18n-attr elements under root (the whole document by default). */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    el.dataset.i18nAttr.split(';').forEach((pair) => {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) {
        el.setAttribute(attr, t(key));
      }
    });
  });
}

// Texts every app shares: errors, sign-in, roles, formats.
addMessages({
  vi: {
    'format.points': '{n} điểm %',
    'format.seconds': '{n} giây',
    'format.minutes': '{m} phút {s} giây',
    'lang.switch': 'English',
    'lang.switch.label': 'Switch to English',
    'common.loading': 'Đang tải…',
    'common.retry': 'Thử lại',
    'common.close': 'Đóng',
    'error.NETWORK': 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    'error.UNAUTHENTICATED': 'Bạn cần đăng nhập (hoặc phiên đăng nhập đã hết hạn).',
    'error.FORBIDDEN': 'Vai trò hoặc phạm vi của bạn không cho phép xem hay làm việc này.',
    'error.RATE_LIMITED': 'Quá nhiều yêu cầu trong một phút. Thử lại sau {seconds} giây.',
    'error.TIMEOUT': 'Máy chủ xử lý quá lâu. Hãy thu hẹp phạm vi hoặc thử lại.',
    'error.INTERNAL_ERROR': 'Máy chủ gặp lỗi. Khi báo lỗi, hãy gửi mã tra cứu: {reference}.',
    'error.BAD_USER_INPUT': 'Dữ liệu không hợp lệ.',
    'error.TOO_BIG': 'Yêu cầu quá lớn so với giới hạn của máy chủ.',
    'error.NOT_FOUND': 'Không tìm thấy.',
    'error.HTTP': 'Máy chủ trả lời lỗi {status}.',
    'error.OTHER': 'Không thực hiện được yêu cầu.',
    'error.serverSays': 'Máy chủ cho biết: {message}',
    'auth.signIn': 'Đăng nhập',
    'auth.signOut': 'Đăng xuất',
    'auth.chooseUser': 'Chọn người dùng thử (bản demo)',
    'auth.demoNote': 'Bản demo: mỗi người dùng thử có một vai trò. Máy chủ cấp mã đăng nhập phát triển, không cần mật khẩu.',
    'auth.none': 'Máy chủ chưa cấu hình đăng nhập cho ứng dụng web: bạn đang xem số liệu công khai.',
    'auth.signedInAs': 'Đang đăng nhập: {name} ({role})',
    'auth.public': 'Chưa đăng nhập — số liệu công khai',
    'auth.expired': 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
    'auth.failed': 'Đăng nhập không thành công.',
    'role.PROVINCE_ADMIN': 'Quản trị tỉnh',
    'role.COMMUNE_OFFICER': 'Cán bộ xã',
    'role.TEAM_MEMBER': 'Thành viên tổ CNSCĐ',
    'role.VIEWER': 'Người xem',
    'role.PUBLIC': 'Công chúng',
  },
  en: {
    'format.points': '{n} pts',
    'format.seconds': '{n} s',
    'format.minutes': '{m} min {s} s',
    'lang.switch': 'Tiếng Việt',
    'lang.switch.label': 'Chuyển sang tiếng Việt',
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.close': 'Close',
    'error.NETWORK': 'Cannot reach the server. Check the network and try again.',
    'error.UNAUTHENTICATED': 'You need to sign in (or your session has expired).',
    'error.FORBIDDEN': 'Your role or scope does not allow this.',
    'error.RATE_LIMITED': 'Too many requests in a minute. Try again in {seconds} s.',
    'error.TIMEOUT': 'The server took too long. Narrow the question or try again.',
    'error.INTERNAL_ERROR': 'The server failed. When you report it, give this reference: {reference}.',
    'error.BAD_USER_INPUT': 'Invalid input.',
    'error.TOO_BIG': 'The request is larger than the server allows.',
    'error.NOT_FOUND': 'Not found.',
    'error.HTTP': 'The server answered with error {status}.',
    'error.OTHER': 'The request could not be carried out.',
    'error.serverSays': 'The server says: {message}',
    'auth.signIn': 'Sign in',
    'auth.signOut': 'Sign out',
    'auth.chooseUser': 'Choose a demo user',
    'auth.demoNote': 'Demo: each demo user has one role. The server issues development tokens; no password is needed.',
    'auth.none': 'The server has no sign-in configured for the web apps: you see the public figures.',
    'auth.signedInAs': 'Signed in: {name} ({role})',
    'auth.public': 'Not signed in — public figures',
    'auth.expired': 'Your session has expired. Please sign in again.',
    'auth.failed': 'Sign-in failed.',
    'role.PROVINCE_ADMIN': 'Province administrator',
    'role.COMMUNE_OFFICER': 'Commune officer',
    'role.TEAM_MEMBER': 'Team member',
    'role.VIEWER': 'Viewer',
    'role.PUBLIC': 'Public',
  },
});

document.documentElement.lang = current;
