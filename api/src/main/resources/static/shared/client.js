/**
 * Talking to the server: GraphQL (POST JSON) and the plain HTTP endpoints (reports, uploads), with
 * the signed-in user's bearer token, and every failure turned into an ApiError whose message a
 * person can read (in the language in use) — never a stack trace.
 *
 *   import { graphql, download, upload, ApiError } from '/shared/client.js';
 *   const data = await graphql('query($c: String!) { unit(code: $c) { fullName } }', { c: '33' });
 *
 * The token comes from auth.js (configureClient is called there); a 401 drops the session.
 */
import { t } from './i18n.js';

let settings = {
  graphqlPath: '/graphql',
  token: () => null,
  onUnauthenticated: () => {},
};

/** Sets where GraphQL is, how to get the current token, and what to do when the server refuses it. */
export function configureClient(options) {
  settings = { ...settings, ...options };
}

/**
 * A failure of a request. code is the server's extensions.code (UNAUTHENTICATED, FORBIDDEN,
 * BAD_USER_INPUT, RATE_LIMITED, TIMEOUT, INTERNAL_ERROR, …), or NETWORK / HTTP for failures
 * before an answer; message is readable; detail is the server's own message; data is what a
 * GraphQL answer held besides its errors.
 */
export class ApiError extends Error {
  constructor({ code, detail, field, status, retryAfterSeconds, reference, errors, data }) {
    super(readable(code, { detail, status, retryAfterSeconds, reference }));
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail || null;
    this.field = field || null;
    this.status = status || null;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
    this.reference = reference || null;
    this.errors = errors || [];
    this.data = data || null;
  }
}

const TOO_BIG = new Set(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'REQUEST_TOO_LARGE', 'GRAPHQL_PARSE_FAILED']);
// Codes whose server message says what to fix: shown after the general sentence.
const WITH_DETAIL = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'IMPORT_REJECTED', 'OTHER', 'HTTP', 'NOT_FOUND']);

function readable(code, { detail, status, retryAfterSeconds, reference }) {
  let text;
  if (TOO_BIG.has(code)) {
    text = t('error.TOO_BIG');
  } else if (code === 'RATE_LIMITED') {
    text = t('error.RATE_LIMITED', { seconds: retryAfterSeconds ?? 60 });
  } else if (code === 'INTERNAL_ERROR') {
    text = t('error.INTERNAL_ERROR', { reference: reference || '—' });
  } else if (code === 'HTTP') {
    text = t('error.HTTP', { status });
  } else if (['NETWORK', 'UNAUTHENTICATED', 'FORBIDDEN', 'TIMEOUT', 'BAD_USER_INPUT', 'NOT_FOUND'].includes(code)) {
    text = t('error.' + code);
  } else {
    text = detail || t('error.OTHER');
    return text;
  }
  if (detail && (WITH_DETAIL.has(code) || TOO_BIG.has(code))) {
    text += ' ' + t('error.serverSays', { message: detail });
  }
  return text;
}

function headers(extra) {
  const h = new Headers(extra || {});
  const token = settings.token();
  if (token) {
    h.set('Authorization', 'Bearer ' + token);
  }
  return h;
}

/** An ApiError from one error object of either shape the server uses (GraphQL or plain HTTP). */
function fromError(e, status, data, all) {
  const ext = e.extensions || {};
  return new ApiError({
    code: ext.code || e.code || (status ? 'HTTP' : 'OTHER'),
    detail: e.message,
    field: ext.field || e.field,
    status,
    retryAfterSeconds: ext.retryAfterSeconds ?? e.retryAfterSeconds,
    reference: ext.reference || e.reference,
    errors: all,
    data,
  });
}

/** Reads a failed plain-HTTP answer ({errors:[{field, code, message}]} or anything else). */
async function failure(response) {
  if (response.status === 401) {
    settings.onUnauthenticated();
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (an error page): the status says enough
  }
  const errors = body && Array.isArray(body.errors) ? body.errors : null;
  if (errors && errors.length) {
    return fromError(errors[0], response.status, null, errors);
  }
  const retry = response.headers.get('Retry-After');
  if (response.status === 429) {
    return new ApiError({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: retry ? Number(retry) : null });
  }
  if (response.status === 404) {
    return new ApiError({ code: 'NOT_FOUND', status: 404 });
  }
  return new ApiError({ code: response.status === 401 ? 'UNAUTHENTICATED' : 'HTTP', status: response.status });
}

/** fetch with the bearer token; a network failure becomes an ApiError NETWORK. */
export async function request(url, init = {}) {
  try {
    return await fetch(url, { ...init, headers: headers(init.headers), credentials: 'omit' });
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError({ code: 'NETWORK', detail: e && e.message });
  }
}

/**
 * Runs a GraphQL document and returns its data. Any error in the answer throws an ApiError (the
 * first error's code and message; all of them in .errors, partial data in .data).
 */
export async function graphql(query, variables = {}, { signal } = {}) {
  const response = await request(settings.graphqlPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // handled below
  }
  if (response.status === 401) {
    settings.onUnauthenticated();
  }
  if (body && Array.isArray(body.errors) && body.errors.length) {
    throw fromError(body.errors[0], response.status, body.data || null, body.errors);
  }
  if (!response.ok || !body) {
    throw await failure(response);
  }
  return body.data;
}

function fileNameOf(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    return decodeURIComponent(star[1]);
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file the server makes for the signed-in user (a report, a rejection list) and hands
 * it to the browser as a download. Returns { fileName, size }.
 */
export async function download(url, fallbackName = 'download') {
  const response = await request(url);
  if (!response.ok) {
    throw await failure(response);
  }
  const blob = await response.blob();
  const fileName = fileNameOf(response, fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the object URL can go a little later.
  setTimeout(() => URL.revokeObjectURL(link.href), 30_000);
  return { fileName, size: blob.size };
}

/**
 * Posts a multipart form (an upload), reporting the share of bytes sent to onProgress(0..1).
 * Resolves with the JSON answer; rejects with an ApiError. XMLHttpRequest, because fetch cannot
 * report upload progress.
 */
export function upload(url, formData, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = settings.token();
    if (token) {
      xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK' }));
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        resolve(body);
        return;
      }
      if (xhr.status === 401) {
        settings.onUnauthenticated();
      }
      const errors = body && Array.isArray(body.errors) ? body.errors : null;
      reject(errors && errors.length ? fromError(errors[0], xhr.status, null, errors)
        : new ApiError({ code: xhr.status === 429 ? 'RATE_LIMITED' : 'HTTP', status: xhr.status }));
    };
    xhr.send(formData);
  });
}
