/**
 * What the field app keeps on the phone, in one IndexedDB database ("caunoi-field"):
 *
 *  - records: the member's records, one per form sent, keyed by a local id. A record waiting for
 *    the server holds its personal part (citizen ID, birth year, sex, the service's attributes)
 *    only sealed with AES-GCM; once the server has confirmed it, only a summary without personal
 *    data stays (service, stage, village, day), for her history of the week and the month.
 *  - cache: the service catalogue, the villages of her team, her team, and the last scorecard read,
 *    for working offline.
 *  - keys: the AES-GCM key, a CryptoKey made non-extractable: the page can use it but never read it.
 */
const DB_NAME = 'caunoi-field';
const VERSION = 1;

let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('records', { keyPath: 'id' });
        db.createObjectStore('cache', { keyPath: 'key' });
        db.createObjectStore('keys', { keyPath: 'name' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function get(name, key) {
  return done((await store(name, 'readonly')).get(key));
}

export async function all(name) {
  return done((await store(name, 'readonly')).getAll());
}

export async function put(name, value) {
  return done((await store(name, 'readwrite')).put(value));
}

/** Adds a value; rejects with a ConstraintError when its key is taken. */
export async function add(name, value) {
  return done((await store(name, 'readwrite')).add(value));
}

export async function remove(name, key) {
  return done((await store(name, 'readwrite')).delete(key));
}

export async function clear(name) {
  return done((await store(name, 'readwrite')).clear());
}

/**
 * Reads a value and writes what fn makes of it in one transaction, so that nothing (another tab,
 * the member discarding the record) comes between the two. fn is synchronous and returns the value
 * to write, or null to write nothing; resolves with what was written, or null.
 */
export async function update(name, key, fn) {
  const s = await store(name, 'readwrite');
  return new Promise((resolve, reject) => {
    const read = s.get(key);
    read.onerror = () => reject(read.error);
    read.onsuccess = () => {
      const next = fn(read.result);
      if (next == null) {
        resolve(null);
        return;
      }
      const write = s.put(next);
      write.onerror = () => reject(write.error);
      write.onsuccess = () => resolve(next);
    };
  });
}

/** A cached answer: { key, value, at (ms) }, or null. */
export async function cached(key) {
  return (await get('cache', key)) || null;
}

export async function cache(key, value) {
  await put('cache', { key, value, at: Date.now() });
}

// ---- Sealing the personal part of a record -------------------------------------------------------

let keyPromise = null;

/**
 * The device's queue key, made once. extractable=false: exportKey refuses it, so no script of the
 * page (nor an extension reading the database) gets the key bytes; IndexedDB keeps it as a CryptoKey.
 */
function queueKey() {
  if (!keyPromise) {
    keyPromise = (async () => {
      const row = await get('keys', 'queue');
      if (row && row.key) {
        return row.key;
      }
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      try {
        // add, not put: two tabs opened for the first time must not each keep a key of their own
        // (the records sealed with the overwritten one could never be opened again).
        await add('keys', { name: 'queue', key, createdAt: new Date().toISOString() });
        return key;
      } catch (e) {
        const kept = await get('keys', 'queue');
        if (kept && kept.key) {
          return kept.key;
        }
        throw e;
      }
    })();
  }
  return keyPromise;
}

/** The personal part of a record, encrypted: { iv, data } (bytes); a fresh 96-bit IV each time. */
export async function seal(personal) {
  const key = await queueKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(personal));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { iv, data };
}

/** A sealed part this device's key cannot open (the site's data was cleared, or the key replaced). */
export class UnreadableError extends Error {
  constructor() {
    super('the record cannot be opened on this device');
    this.code = 'UNREADABLE';
  }
}

/** The personal part back, for sending or for correcting a refused record; UnreadableError when it cannot be opened. */
export async function unseal(sealed) {
  const key = await queueKey();
  let plain;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  } catch {
    throw new UnreadableError();
  }
  return JSON.parse(new TextDecoder().decode(plain));
}
