/**
 * The teams' field app (/field): record work house to house, offline, and never lose a record.
 * Routes: #/ (choose a form), #/adoption, #/activity, #/event (each with ?edit=<id> to correct a
 * refused record), #/queue, #/me. The service worker (sw.js) keeps the app for offline starts;
 * sync.js sends the queue; data.js keeps what the forms need.
 */
import './messages.js';
import { initAuth, session, onSessionChange, takeNotice } from '/shared/auth.js';
import { mountSignIn, mountLanguageSwitch } from '/shared/widgets.js';
import { h, show, loading, failed } from '/shared/dom.js';
import { t, translate, onLangChange } from '/shared/i18n.js';
import { startSync, syncNow, onQueueChange, records, isWaiting } from './sync.js';
import { adoptionForm, activityForm, eventForm } from './forms.js';
import { queueView, myView } from './views.js';
import { catalogue, villages, teams, teamMembers, campaigns, trainings, myWork } from './data.js';
import * as store from './store.js';

const main = document.getElementById('main');
let notice = null;

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  return { path, params: new URLSearchParams(query || '') };
}

function online() {
  return navigator.onLine !== false;
}

async function drawStatus() {
  const list = await records();
  const mine = list.filter((r) => isWaiting(r) && r.subject === session().subject);
  const waiting = mine.length;
  const net = document.getElementById('net');
  net.className = 'net ' + (online() ? 'net-on' : 'net-off');
  net.textContent = online() ? t('field.online') : t('field.offline');
  const count = document.getElementById('waiting');
  count.textContent = waiting ? t('field.waiting', { n: waiting }) : t('field.waiting.none');
  count.dataset.count = String(waiting);
  const badge = document.getElementById('queue-count');
  if (badge) {
    badge.textContent = String(waiting + list.filter((r) => r.state === 'refused' && r.subject === session().subject).length);
  }
  drawBanner(list);
}

function drawBanner(list) {
  const banner = document.getElementById('banner');
  const me = session();
  const items = [];
  if (notice === 'auth.expired' || (!me.signedIn && list.some(isWaiting))) {
    items.push(h('p', { class: 'banner-warn', role: 'alert', id: 'expired' },
      t('field.expired', { n: list.filter(isWaiting).length })));
  }
  if (me.signedIn) {
    const others = list.filter((r) => isWaiting(r) && r.subject !== me.subject).length;
    if (others) {
      items.push(h('p', { class: 'banner-info' }, t('field.otherUser', { n: others })));
    }
  }
  banner.hidden = items.length === 0;
  banner.replaceChildren(...items);
}

function drawNav() {
  const { path } = route();
  const nav = document.getElementById('nav');
  const link = (href, key, extra) => h('a', { href: '#' + href, class: 'tab', 'aria-current': path === href ? 'page' : null }, t(key), extra || null);
  nav.replaceChildren(
    link('/', 'field.nav.new'),
    link('/queue', 'field.nav.queue', h('span', { class: 'count', id: 'queue-count' }, '0')),
    link('/me', 'field.nav.me'));
}

async function render() {
  drawNav();
  const me = session();
  const { path, params } = route();
  if (!me.signedIn) {
    show(main, h('section', { class: 'welcome' },
      h('h1', { tabindex: '-1' }, t('field.title')),
      h('p', {}, t('field.intro')),
      h('p', { class: 'strong' }, t('field.signInFirst')),
      // The header's control does the signing in (the demo's dialog, or the issuer); this is a bigger target for it.
      h('button', { type: 'button', class: 'btn btn-primary btn-big', id: 'sign-in-big',
        onclick: () => document.getElementById('sign-in') && document.getElementById('sign-in').click() }, t('auth.signIn'))));
    await drawStatus();
    return;
  }
  try {
    if (path === '/adoption') {
      await adoptionForm(main, params.get('edit'));
    } else if (path === '/activity') {
      await activityForm(main, params.get('edit'));
    } else if (path === '/event') {
      await eventForm(main, params.get('edit'));
    } else if (path === '/queue') {
      await queueView(main);
    } else if (path === '/me') {
      await myView(main);
    } else {
      home();
    }
  } catch (e) {
    failed(main, e, render);
  }
  await drawStatus();
}

function home() {
  const tile = (href, key, id) => h('a', { class: 'tile', href: '#' + href, id },
    h('strong', {}, t(key)), h('span', {}, t(key + '.hint')));
  show(main, h('section', {},
    h('h1', { tabindex: '-1' }, t('home.title')),
    h('div', { class: 'tiles' },
      tile('/adoption', 'home.adoption', 'go-adoption'),
      tile('/activity', 'home.activity', 'go-activity'),
      tile('/event', 'home.event', 'go-event'))));
}

/**
 * Reads what the forms need while the network is here, so that they open without it: the
 * catalogue, the villages, the team, the campaigns, (officers) the trainings, and her figures.
 * body[data-cached] says when it is done (the member sees it as the catalogue's date on the forms).
 */
async function prefetch() {
  if (!session().signedIn || !online()) {
    return;
  }
  const [, , team] = await Promise.allSettled([catalogue(), villages(), teams(), campaigns()]);
  const extra = [];
  if (['COMMUNE_OFFICER', 'PROVINCE_ADMIN'].includes(session().role)) {
    extra.push(trainings());
    if (team.status === 'fulfilled') {
      // The attendance form lists a team's members: kept for each team (a commune has a handful).
      team.value.value.slice(0, 50).forEach((x) => extra.push(teamMembers(x)));
    }
  }
  if (team.status === 'fulfilled' && team.value.value.length && session().member) {
    extra.push(myWork(team.value.value[0]));
  }
  await Promise.allSettled(extra);
  document.body.dataset.cached = new Date().toISOString();
}

async function registerWorker() {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  try {
    // Scope /field (not /field/): the app's own address, /field, is served from the cache too.
    await navigator.serviceWorker.register('/field/sw.js', { scope: '/field' });
  } catch {
    // No worker (a private window, an old browser): the app works online, and the queue still keeps records.
  }
}

/**
 * Asks the browser to keep the site's storage under pressure (it may otherwise evict IndexedDB, and
 * the queue with it). Browsers grant it to an installed app or one used often; refused, nothing changes.
 */
function keepStorage() {
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().catch(() => false);
  }
}

async function start() {
  loading(main, t('field.loading'));
  translate(document);
  mountLanguageSwitch(document.getElementById('lang'));
  try {
    await initAuth({ keep: 'device' });
  } catch (e) {
    failed(main, e, () => location.reload());
    return;
  }
  notice = takeNotice();
  mountSignIn(document.getElementById('user'));
  onSessionChange(() => {
    notice = takeNotice() || (session().signedIn ? null : notice);
    render();
    if (session().signedIn) {
      keepStorage();
      syncNow({ force: true });
      prefetch();
    } else {
      // Signed out (or expired): what was read for her — her team's members' names, scorecards,
      // trainings — leaves the phone; the queue stays, sealed, until she (or only she) sends it.
      store.clear('cache').catch(() => null);
    }
  });
  onLangChange(() => {
    translate(document);
    render();
  });
  onQueueChange(() => {
    drawStatus();
  });
  window.addEventListener('hashchange', render);
  window.addEventListener('online', () => {
    drawStatus();
    prefetch();
  });
  window.addEventListener('offline', drawStatus);
  await render();
  registerWorker();
  if (session().signedIn) {
    keepStorage();
  }
  startSync();
  prefetch();
}

start();
