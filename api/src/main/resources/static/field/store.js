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

export async function remove(name, key) {
  return done((await store(name, 'readwrite')).delete(key));
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
      await put('keys', { name: 'queue', key, createdAt: new Date().toISOString() });
      return key;
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

/** The personal part back, for sending or for correcting a refused record. */
export async function unseal(sealed) {
  const key = await queueKey();
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain));
}
