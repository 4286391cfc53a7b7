/**
 * Signing in, the same way in every web app. The server says how at GET /app-config:
 *
 *  - mode "demo": the demo users (one per role); the server issues a development token for the
 *    one chosen (POST /dev/token?user=<subject>);
 *  - mode "oidc": the configured OpenID Connect issuer, authorization code flow with PKCE, through
 *    oidc-client-ts (vendored in ./vendor, loaded only in this mode);
 *  - mode "none": no sign-in from the browser; the public view only.
 *
 * The token lives in sessionStorage (gone when the tab closes). Who the user is — role, scope, the
 * team member she is — is read from the server (GraphQL `me`), which reads it from its database on
 * every request: the token only says who she is.
 *
 * An app used offline (the teams' field app) asks initAuth({ keep: 'device' }): the session is kept
 * in localStorage instead, so it survives a closed browser and a restarted phone until the token
 * expires, and when the server cannot be reached at start the last answer of `me` (kept with the
 * token) stands in for it. Only an answer of the server (a refused token) or the token's expiry
 * ends such a session, never a missing network.
 *
 *   import { initAuth, session, signInDemo, signOut, onSessionChange } from '/shared/auth.js';
 *   await initAuth();            // once, before the first request: completes an OIDC redirect too
 *   session().role;              // 'PUBLIC' until signed in
 */
import { configureClient, graphql, request, ApiError } from './client.js';

const STORAGE_KEY = 'caunoi.session';
// A kept session has its own key: the officials' app in another tab of the same origin never sees it.
const DEVICE_KEY = 'caunoi.session.device';
const OIDC_SCRIPT = '/shared/vendor/oidc-client-ts/oidc-client-ts.min.js';

const PUBLIC = Object.freeze({ signedIn: false, role: 'PUBLIC', subject: null, displayName: null, allUnits: false, scope: [],
  member: null });

let config = null;
let stored = null; // { token, expiresAt (ms), via: 'demo' | 'oidc', subject, displayName, me (kept sessions) }
let keep = 'tab'; // 'tab': sessionStorage; 'device': localStorage, usable offline
let me = PUBLIC;
let notice = null; // a message for the user about the last sign-in event (expiry, failure)
let oidcManager = null;
const listeners = new Set();

/** The fields of `me` every app gets. */
const ME = `{ me { signedIn subject role allUnits
  scope { id code fullName level validTo }
  member { id fullName } } }`;

/** The server's answer to GET /app-config (fetched once). */
export async function appConfig() {
  if (!config) {
    const response = await request('/app-config');
    if (!response.ok) {
      throw new ApiError({ code: 'HTTP', status: response.status });
    }
    config = await response.json();
  }
  return config;
}

/**
 * The signed-in user as the server sees her: { signedIn, role, subject, displayName, allUnits,
 * scope: [{ id, code, fullName, level, validTo }], member }, or the public.
 */
export function session() {
  return me;
}

/** A message about the last sign-in event ('auth.expired', 'auth.failed' keys of i18n), once. */
export function takeNotice() {
  const n = notice;
  notice = null;
  return n;
}

/** Calls fn(session) after every sign-in and sign-out; returns a function that stops it. */
export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function token() {
  if (!stored) {
    return null;
  }
  if (stored.expiresAt && Date.now() > stored.expiresAt - 5_000) {
    expire();
    return null;
  }
  return stored.token;
}

function storage() {
  return keep === 'device' ? localStorage : sessionStorage;
}

function storageKey() {
  return keep === 'device' ? DEVICE_KEY : STORAGE_KEY;
}

function save(next) {
  stored = next;
  try {
    if (next) {
      storage().setItem(storageKey(), JSON.stringify(next));
    } else {
      storage().removeItem(storageKey());
    }
  } catch {
    // storage blocked: the session lasts as long as the page
  }
}

/** When the token expires (ms since the epoch), or null when it does not say or nobody is signed in. */
export function expiresAt() {
  return stored && stored.expiresAt ? stored.expiresAt : null;
}

function changed() {
  listeners.forEach((fn) => fn(me));
}

function expire() {
  const was = stored;
  save(null);
  if (was) {
    notice = 'auth.expired';
    me = PUBLIC;
    // Tell the listeners after the request that noticed it has failed, not in the middle of it.
    setTimeout(changed, 0);
  }
}

// How long an app that works offline waits for `me` at start before it goes on with the kept answer.
const KEPT_START_WAIT_MS = 5_000;

async function loadMe({ waitMs = 0 } = {}) {
  const controller = waitMs ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), waitMs) : null;
  let data;
  try {
    data = await graphql(ME, {}, controller ? { signal: controller.signal } : {});
  } finally {
    clearTimeout(timer);
  }
  const m = data.me;
  me = Object.freeze({ ...m, displayName: (stored && stored.displayName) || m.subject, scope: m.scope || [] });
  if (keep === 'device' && stored) {
    // Kept with the token, so that an offline start knows who she is.
    save({ ...stored, me: m });
  }
}

/**
 * Call once when the app starts, before any other request: reads /app-config, completes an OIDC
 * redirect when the page is its answer, restores the tab's session, and asks the server who the
 * user is. Resolves with session(); never rejects for a failed sign-in (the app goes on public).
 */
export async function initAuth(options = {}) {
  keep = options.keep === 'device' ? 'device' : 'tab';
  configureClient({ token, onUnauthenticated: expire });
  const cfg = await appConfig();
  configureClient({ graphqlPath: cfg.graphqlPath || '/graphql' });
  try {
    stored = JSON.parse(storage().getItem(storageKey()) || 'null');
  } catch {
    stored = null;
  }
  if (cfg.mode === 'oidc' && isOidcAnswer()) {
    await completeOidc(cfg);
  }
  if (stored && token()) {
    try {
      await loadMe({ waitMs: keep === 'device' && stored.me ? KEPT_START_WAIT_MS : 0 });
    } catch (e) {
      if (keep === 'device' && stored && stored.me && !(e && e.code === 'UNAUTHENTICATED')) {
        // Offline, a line too slow, a server or a proxy that fails for now: she stays signed in as
        // the server last said, until the token expires. Only the server's refusal of the token ends it.
        me = Object.freeze({ ...stored.me, displayName: stored.displayName || stored.me.subject, scope: stored.me.scope || [] });
      } else {
        save(null);
        me = PUBLIC;
        notice = 'auth.expired';
      }
    }
  }
  return me;
}

/** Signs in as a demo user (mode "demo"). Rejects with an ApiError the page can show. */
export async function signInDemo(subject) {
  const response = await request('/dev/token?user=' + encodeURIComponent(subject), { method: 'POST' });
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      // below
    }
    const e = body && body.errors && body.errors[0];
    throw new ApiError({ code: e ? e.code : 'HTTP', detail: e && e.message, status: response.status });
  }
  const body = await response.json();
  const user = (config && config.demoUsers || []).find((u) => u.subject === subject);
  save({ token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000, via: 'demo', subject,
    displayName: user ? user.displayName : subject });
  try {
    await loadMe();
  } catch (e) {
    save(null);
    me = PUBLIC;
    throw e;
  }
  changed();
  return me;
}

/** Signs in through the OpenID Connect issuer (mode "oidc"): leaves the page, comes back signed in. */
export async function signInOidc() {
  const manager = await oidc(await appConfig());
  // The app's place (its #route) goes through the issuer and back in the request's state.
  await manager.signinRedirect({ state: { hash: location.hash } });
}

/** Signs out: forgets the token; with OIDC also ends the session at the issuer when it offers that. */
export async function signOut() {
  const via = stored && stored.via;
  save(null);
  me = PUBLIC;
  changed();
  if (via === 'oidc' && config && config.mode === 'oidc') {
    const manager = await oidc(config);
    await manager.removeUser();
    try {
      const metadata = await manager.metadataService.getMetadata();
      if (metadata.end_session_endpoint) {
        await manager.signoutRedirect({ state: { hash: location.hash } });
      }
    } catch {
      // the issuer is unreachable: signed out here, which is what matters on this device
    }
  }
}

function isOidcAnswer() {
  const p = new URLSearchParams(location.search);
  return (p.has('code') || p.has('error')) && p.has('state');
}

async function completeOidc(cfg) {
  const manager = await oidc(cfg);
  try {
    const user = await manager.signinRedirectCallback();
    const profile = user.profile || {};
    save({ token: user.access_token, expiresAt: user.expires_at ? user.expires_at * 1000 : null, via: 'oidc',
      subject: profile.sub, displayName: profile.name || profile.preferred_username || profile.sub });
    const hash = user.state && user.state.hash ? user.state.hash : location.hash;
    history.replaceState(null, '', location.pathname + hash);
  } catch {
    notice = 'auth.failed';
    history.replaceState(null, '', location.pathname + location.hash);
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new ApiError({ code: 'NETWORK' }));
    document.head.append(script);
  });
}

async function oidc(cfg) {
  if (!oidcManager) {
    if (!window.oidc) {
      await loadScript(OIDC_SCRIPT);
    }
    const lib = window.oidc;
    const here = location.origin + location.pathname;
    oidcManager = new lib.UserManager({
      authority: cfg.oidc.authority,
      client_id: cfg.oidc.clientId,
      scope: cfg.oidc.scope || 'openid',
      redirect_uri: here,
      post_logout_redirect_uri: here,
      response_type: 'code',
      // PKCE is the library's default for the code flow; no client secret lives in a browser.
      userStore: new lib.WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new lib.WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
      loadUserInfo: false,
    });
  }
  return oidcManager;
}
