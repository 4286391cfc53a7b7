/**
 * The offline queue and its sending. A record is written to IndexedDB before anything else, with
 * the idempotency key the server will see (made here, once, with crypto.randomUUID); it is sent on
 * app start, when the browser says the network is back, every 20 seconds while open, and when the
 * member asks. It leaves the queue only on the server's answer:
 *
 *  - written, or `replayed` (an earlier attempt was written): saved — the personal part is deleted
 *    and a summary without personal data stays for her history;
 *  - userErrors (or a refusal of the request itself): refused, with the reasons, until she corrects
 *    it (sent again, with a new key: nothing was written under the old one) or discards it;
 *  - no answer, a 5xx, SERVICE_UNAVAILABLE, a timeout, rate limiting: still queued, tried again
 *    later with a growing delay (5 s doubling up to 5 min).
 *
 * A record found "sending" at start (the page was closed mid-request) is sent again with the same
 * key: the server answers `replayed` if the first attempt got through, so sending twice never
 * writes twice.
 */
import { graphql } from '/shared/client.js';
import { session } from '/shared/auth.js';
import * as store from './store.js';

const PERIOD_MS = 20_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_DELAY_MS = 5 * 60_000;
// Saved summaries are kept for the member's history of this month and the one before.
const HISTORY_DAYS = 62;
// Answers that say nothing about the record: try again later.
const TRANSIENT = new Set(['NETWORK', 'HTTP', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'RATE_LIMITED', 'INTERNAL_ERROR']);

const listeners = new Set();
let running = null;
let forceAgain = false;
let timer = null;
const status = { lastRunAt: null, needsSignIn: false, offline: false };

/** Calls fn() whenever a record or the sending state changes; returns a function that stops it. */
export function onQueueChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed() {
  listeners.forEach((fn) => fn());
}

/** { lastRunAt, needsSignIn, offline, running }. */
export function syncStatus() {
  return { ...status, running: !!running };
}

/** Every record on the phone, newest first. */
export async function records() {
  const list = await store.all('records');
  return list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

export function isWaiting(r) {
  return r.state === 'queued' || r.state === 'sending';
}

/** The device's clock with its offset, as the server's clientRecordedAt wants it. */
export function localDateTime(d = new Date()) {
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    + `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The device's date (yyyy-mm-dd). */
export function localDate(d = new Date()) {
  return localDateTime(d).slice(0, 10);
}

/**
 * What a record holds while it waits to be sent, new or corrected: a new idempotency key, no
 * attempts yet, its data and its personal part sealed.
 */
async function queued({ data, personal, summary }) {
  return {
    key: crypto.randomUUID(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    errors: [],
    lastError: null,
    data,
    sealed: personal ? await store.seal(personal) : null,
    summary,
  };
}

/**
 * Queues a record: kind 'adoption' | 'activity' | 'attendance'; data: the input without personal
 * data; personal: what must be sealed (or null); summary: what may stay after it is saved.
 */
export async function addRecord({ kind, data, personal, summary }) {
  const now = new Date();
  const record = {
    id: crypto.randomUUID(),
    kind,
    subject: session().subject,
    createdAt: now.toISOString(),
    clientRecordedAt: localDateTime(now),
    ...(await queued({ data, personal, summary })),
  };
  await store.put('records', record);
  changed();
  syncNow();
  return record;
}

/** A refused record, corrected: queued again with a new idempotency key. */
export async function correctRecord(id, { data, personal, summary }) {
  const record = await store.get('records', id);
  if (!record || record.state !== 'refused') {
    return null;
  }
  Object.assign(record, await queued({ data, personal, summary }));
  await store.put('records', record);
  changed();
  syncNow({ force: true });
  return record;
}

/** The member's explicit choice: the record is gone from the phone, sent or not. */
export async function discardRecord(id) {
  await store.remove('records', id);
  changed();
}

/** The personal part of a waiting or refused record (for correcting it on screen; never stored in clear). */
export async function personalOf(record) {
  return record.sealed ? store.unseal(record.sealed) : null;
}

/** Forgets the summaries of saved records (they hold no personal data; this is housekeeping). */
export async function clearSaved() {
  for (const r of await store.all('records')) {
    if (r.state === 'saved') {
      await store.remove('records', r.id);
    }
  }
  changed();
}

async function prune() {
  const limit = Date.now() - HISTORY_DAYS * 86_400_000;
  for (const r of await store.all('records')) {
    if (r.state === 'saved' && Date.parse(r.savedAt) < limit) {
      await store.remove('records', r.id);
    }
  }
}

const ADOPTION = `mutation FieldRecordAdoption($input: RecordAdoptionInput!) {
  recordAdoption(input: $input) { replayed event { id } userErrors { code field message } } }`;
const ACTIVITY = `mutation FieldRecordSupportActivity($input: RecordSupportActivityInput!) {
  recordSupportActivity(input: $input) { replayed activity { id } userErrors { code field message } } }`;
const ATTENDANCE = `mutation FieldRecordTrainingAttendance($input: RecordTrainingAttendanceInput!) {
  recordTrainingAttendance(input: $input) { training { id } userErrors { code field message } } }`;

/** Sends one record; resolves with the payload ({ replayed, userErrors }). */
async function send(record, signal) {
  if (record.kind === 'adoption') {
    const p = await store.unseal(record.sealed);
    const input = {
      ...record.data,
      idempotencyKey: record.key,
      clientRecordedAt: record.clientRecordedAt,
      citizenId: p.citizenId,
      birthYear: p.birthYear ?? null,
      sex: p.sex || null,
      attributes: Object.entries(p.attributes || {}).filter(([, v]) => String(v).trim()).map(([name, value]) => ({ name, value: String(value).trim() })),
    };
    return (await graphql(ADOPTION, { input }, { signal })).recordAdoption;
  }
  if (record.kind === 'activity') {
    const input = { ...record.data, idempotencyKey: record.key };
    return (await graphql(ACTIVITY, { input }, { signal })).recordSupportActivity;
  }
  // Attendance has no key: recording a member twice changes nothing, so a resend is safe as it is.
  const payload = (await graphql(ATTENDANCE, { input: record.data }, { signal })).recordTrainingAttendance;
  return { replayed: false, ...payload };
}

function delayAfter(attempts) {
  const base = Math.min(MAX_DELAY_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Writes a record's outcome only if it is still the one sent (not discarded, not corrected meanwhile). */
function settle(record, next) {
  return store.update('records', record.id, (current) => (current && current.key === record.key ? next : null));
}

async function sendOne(snapshot) {
  // Claimed in one transaction: a record discarded (or corrected) since the queue was read is not
  // written back and sent.
  const record = await store.update('records', snapshot.id, (current) => (current && current.key === snapshot.key && isWaiting(current)
    ? { ...current, state: 'sending', attempts: (current.attempts || 0) + 1 } : null));
  if (!record) {
    changed();
    return 'gone';
  }
  changed();
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let payload = null;
  let error = null;
  try {
    payload = await send(record, controller.signal);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timeout);
  }
  // Discarded or corrected while the request was out: her choice stands (a correction has its own
  // key), and settle() writes nothing.
  let outcome;
  if (payload && (!payload.userErrors || payload.userErrors.length === 0)) {
    // Confirmed: nothing personal stays (the sealed part, the input and the key go).
    outcome = (await settle(record, {
      id: record.id, kind: record.kind, subject: record.subject, createdAt: record.createdAt, state: 'saved',
      savedAt: new Date().toISOString(), replayed: !!payload.replayed, summary: record.summary, attempts: record.attempts,
    })) ? 'saved' : 'gone';
  } else if (payload) {
    outcome = (await settle(record, { ...record, state: 'refused', lastError: null,
      errors: payload.userErrors.map((u) => ({ code: u.code, field: u.field, message: u.message })) })) ? 'refused' : 'gone';
  } else if (error instanceof store.UnreadableError) {
    // Its personal part cannot be opened here any more: it can never be sent; she sees why and may discard it.
    outcome = (await settle(record, { ...record, state: 'refused', errors: [{ code: 'UNREADABLE', field: 'input', message: error.message }] }))
      ? 'refused' : 'gone';
  } else {
    const code = error && error.name === 'AbortError' ? 'NETWORK' : (error && error.code) || 'NETWORK';
    const transient = TRANSIENT.has(code) && !(code === 'HTTP' && error.status && error.status < 500);
    if (code === 'UNAUTHENTICATED' || transient) {
      const retryAfter = error && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
      const queuedAgain = await settle(record, { ...record, state: 'queued', lastError: { code, message: error && error.message },
        nextAttemptAt: Date.now() + Math.max(retryAfter, delayAfter(record.attempts)) });
      outcome = !queuedAgain ? 'gone' : code === 'UNAUTHENTICATED' ? 'unauthenticated' : code === 'NETWORK' ? 'offline' : 'later';
    } else {
      // The request itself was refused (a malformed value, a role that may not): the member decides.
      outcome = (await settle(record, { ...record, state: 'refused',
        errors: [{ code, field: (error && error.field) || 'input', message: (error && (error.detail || error.message)) || code }] }))
        ? 'refused' : 'gone';
    }
  }
  changed();
  return outcome;
}

async function run(force) {
  const me = session();
  if (!me.signedIn) {
    status.needsSignIn = (await store.all('records')).some(isWaiting);
    return;
  }
  status.needsSignIn = false;
  const waiting = (await store.all('records'))
    .filter((r) => isWaiting(r) && r.subject === me.subject)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  for (const record of waiting) {
    if (!force && record.nextAttemptAt > Date.now()) {
      continue;
    }
    const outcome = await sendOne(record);
    if (outcome === 'offline') {
      status.offline = true;
      break;
    }
    status.offline = false;
    if (outcome === 'unauthenticated') {
      status.needsSignIn = true;
      break;
    }
    if (outcome === 'later') {
      // The server is busy or refused for now (rate limit, 5xx): the rest wait for their next turn too.
      break;
    }
  }
  status.lastRunAt = new Date().toISOString();
}

/**
 * Sends what waits (once at a time; in one tab at a time where the browser has Web Locks). force:
 * ignore the back-off (the network just came back, or the member asked).
 */
export function syncNow({ force = false } = {}) {
  if (running) {
    // The network came back (or she asked) while a run was out: one more run, without the back-off, after it.
    forceAgain = forceAgain || force;
    return running;
  }
  const go = () => run(force);
  running = (async () => {
    try {
      if (navigator.locks) {
        await navigator.locks.request('caunoi-field-sync', { ifAvailable: true }, (lock) => (lock ? go() : null));
      } else {
        await go();
      }
    } finally {
      running = null;
      changed();
      if (forceAgain) {
        forceAgain = false;
        syncNow({ force: true });
      }
    }
  })();
  changed();
  return running;
}

/** Starts the schedule: now, on reconnect, when the app comes back to the screen, and periodically. */
export async function startSync() {
  await prune();
  // A record left "sending" by a closed page is simply sent again (same key).
  window.addEventListener('online', () => syncNow({ force: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      syncNow();
    }
  });
  if (!timer) {
    timer = setInterval(() => syncNow(), PERIOD_MS);
  }
  return syncNow({ force: true });
}
