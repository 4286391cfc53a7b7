/**
 * The officials' web app: the shell (header, sections, the unit, period and service on screen),
 * the routes, and who may see which section. Each section is a module in ./views; it gets the
 * context and a container, and asks the API through ./api.js.
 *
 * Routes are in the address (#/map?unit=33&period=2025-Q2&service=vneid), so a view can be
 * bookmarked, shared and reopened as it was.
 */
import './messages.js';
import { initAuth, session, onSessionChange, takeNotice, appConfig } from '/shared/auth.js';
import { mountSignIn, mountLanguageSwitch } from '/shared/widgets.js';
import { t, lang, onLangChange, translate } from '/shared/i18n.js';
import { h, failed, loading, show } from '/shared/dom.js';
import * as api from './api.js';
import { KINDS, kindOf, periodOf, shift, label, today, setToday } from './period.js';
import { overview, prefetchOverview } from './views/overview.js';
import { map } from './views/map.js';
import { unitView } from './views/unit.js';
import { rankings } from './views/rankings.js';
import { teams } from './views/teams.js';
import { reports } from './views/reports.js';
import { imports } from './views/imports.js';
import { search } from './views/search.js';

const SIGNED_IN = ['PROVINCE_ADMIN', 'COMMUNE_OFFICER', 'TEAM_MEMBER', 'VIEWER'];
const MANAGERS = ['PROVINCE_ADMIN', 'COMMUNE_OFFICER'];

/** The sections: what draws them, whether they are in the menu, who may open them, what context they use. */
const VIEWS = {
  overview: { render: overview, prefetch: prefetchOverview, nav: true, uses: ['unit', 'period'] },
  map: { render: map, nav: true, uses: ['unit', 'period', 'service'] },
  rankings: { render: rankings, nav: true, uses: ['unit', 'period', 'service'] },
  teams: { render: teams, nav: true, roles: SIGNED_IN, uses: ['unit', 'period'] },
  reports: { render: reports, nav: true, uses: ['unit', 'period', 'service'] },
  imports: { render: imports, nav: true, roles: MANAGERS, uses: [] },
  search: { render: search, nav: true, uses: [] },
  unit: { render: unitView, nav: false, uses: ['unit', 'period', 'service'] },
};
const CONTEXT = ['unit', 'period', 'service'];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const contextBar = document.getElementById('context');
const noticeBox = document.getElementById('notice');

let current = { view: 'overview', params: new URLSearchParams() };
let abort = null;
let cleanup = null;

function parseHash() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { view: VIEWS[path] ? path : 'overview', params: new URLSearchParams(query || '') };
}

/** A link to a view, keeping the unit, period and service on screen unless given. */
export function href(view, params = {}) {
  const q = new URLSearchParams();
  for (const key of CONTEXT) {
    const v = current.params.get(key);
    if (v) q.set(key, v);
  }
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  return `#/${view}?${q}`;
}

/** Opens a view (a new entry in the browser's history). */
export function go(view, params) {
  location.hash = href(view, params).slice(1);
}

/** The unit the user starts from: her scope's first unit of today's map, else the first province. */
async function homeUnit() {
  const me = session();
  const own = me.signedIn && !me.allUnits ? me.scope.find((u) => !u.validTo) : null;
  if (own) {
    return own.code;
  }
  const provinces = await api.provinces();
  return provinces.length ? provinces[0].code : null;
}

// The national campaign's order (identity first, then social insurance, payments, public services,
// e-commerce); services a province adds come after, by name.
const ORDER = ['vneid', 'vssid', 'epayment', 'public-services', 'ecommerce'];

function ordered(services) {
  const rank = (s) => (ORDER.includes(s.code) ? ORDER.indexOf(s.code) : ORDER.length);
  return [...services].sort((a, b) => rank(a) - rank(b) || a.nameVi.localeCompare(b.nameVi, 'vi'));
}

function allowed(view) {
  const roles = VIEWS[view].roles;
  return !roles || roles.includes(session().role);
}

function drawNav(view) {
  nav.replaceChildren(h('ul', {}, Object.entries(VIEWS).filter(([name, v]) => v.nav && allowed(name)).map(([name]) =>
    h('li', {}, h('a', { href: href(name), 'aria-current': name === view || (view === 'unit' && name === 'overview') ? 'page' : null,
      'data-view': name }, t('nav.' + name))))));
}

function serviceName(s) {
  return lang() === 'vi' ? s.nameVi : s.nameEn;
}

function periodOptions(kind, value) {
  const now = today();
  const list = [];
  if (kind === 'month') for (let i = 0; i < 36; i++) list.push(periodOf('month', shift(periodOf('month', now), -i) + '-01'));
  if (kind === 'quarter') for (let i = 0; i < 12; i++) list.push(shift(periodOf('quarter', now), -i));
  if (kind === 'year') for (let i = 0; i < 6; i++) list.push(String(Number(now.slice(0, 4)) - i));
  if (!list.includes(value)) list.unshift(value);
  return list.map((p) => h('option', { value: p, selected: p === value }, label(p)));
}

function drawContext(ctx, view) {
  const uses = VIEWS[view].uses;
  if (!uses.length) {
    contextBar.hidden = true;
    return;
  }
  contextBar.hidden = false;
  const setPeriod = (p) => go(view, { ...Object.fromEntries(current.params), period: p });
  const kind = kindOf(ctx.period);
  const valueControl = kind === 'date'
    ? h('input', { type: 'date', id: 'period-value', value: ctx.period, max: today(), 'aria-label': t('period.value'),
      onchange: (e) => e.target.value && setPeriod(e.target.value) })
    : h('select', { id: 'period-value', 'aria-label': t('period.value'), onchange: (e) => setPeriod(e.target.value) },
      periodOptions(kind, ctx.period));
  const parts = [
    h('div', { class: 'ctx-unit' },
      h('span', { class: 'ctx-label' }, t('ctx.unit')),
      h('strong', { id: 'ctx-unit-name' }, ctx.unit ? ctx.unit.fullName : '—'),
      ctx.unit && view !== 'unit' ? h('a', { href: href('unit', { code: null, asOf: null }), class: 'ctx-link' }, t('ctx.details')) : null,
      h('a', { href: href('search'), class: 'ctx-link' }, t('ctx.change'))),
  ];
  if (uses.includes('period')) {
    parts.push(h('div', { class: 'ctx-period', role: 'group', 'aria-labelledby': 'period-label' },
      h('span', { class: 'ctx-label', id: 'period-label' }, t('period.label')),
      h('button', { type: 'button', class: 'btn', id: 'period-prev', 'aria-label': t('period.prev'), title: t('period.prev'),
        onclick: () => setPeriod(shift(ctx.period, -1)) }, '‹'),
      h('select', { id: 'period-kind', 'aria-label': t('period.kind'),
        onchange: (e) => setPeriod(e.target.value === 'date' ? today() : periodOf(e.target.value, kind === 'date' ? ctx.period : today())) },
      KINDS.map((k) => h('option', { value: k, selected: k === kind }, t('period.' + k)))),
      valueControl,
      h('button', { type: 'button', class: 'btn', id: 'period-next', 'aria-label': t('period.next'), title: t('period.next'),
        onclick: () => setPeriod(shift(ctx.period, 1)) }, '›')));
  }
  if (uses.includes('service') && ctx.services.length) {
    parts.push(h('div', { class: 'ctx-service' },
      h('label', { for: 'service', class: 'ctx-label' }, t('ctx.service')),
      h('select', { id: 'service', onchange: (e) => go(view, { ...Object.fromEntries(current.params), service: e.target.value }) },
        ctx.services.map((s) => h('option', { value: s.code, selected: s.code === ctx.service }, serviceName(s))))));
  }
  contextBar.replaceChildren(...parts);
}

function showNotice() {
  const key = takeNotice();
  noticeBox.replaceChildren(key ? h('p', { class: 'state state-error', role: 'alert' }, t(key)) : '');
  noticeBox.hidden = !key;
}

async function render() {
  current = parseHash();
  const { view, params } = current;
  if (abort) abort.abort();
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  abort = new AbortController();
  const signal = abort.signal;
  showNotice();
  drawNav(view);
  document.title = t('nav.' + (view === 'unit' ? 'overview' : view)) + ' — Cầu Nối';
  loading(main);
  try {
    const [unordered, cfg, home] = await Promise.all([api.services(), appConfig(), params.get('unit') ? null : homeUnit()]);
    const services = ordered(unordered);
    if (signal.aborted) return;
    // Fill in what the address leaves out, and write it back so that the address says what is shown.
    let changed = false;
    if (!params.get('unit')) {
      if (home) {
        params.set('unit', home);
        changed = true;
      }
    }
    if (!kindOf(params.get('period') || '')) {
      params.set('period', periodOf('quarter'));
      changed = true;
    }
    const available = services.filter((s) => s.available);
    if (!services.some((s) => s.code === params.get('service')) && services.length) {
      params.set('service', (available[0] || services[0]).code);
      changed = true;
    }
    if (changed) {
      history.replaceState(null, '', `#/${view}?${params}`);
    }
    const ctx = {
      view, params, services, signal,
      session: session(),
      minCell: cfg.publicMinimumCell ?? 10,
      period: params.get('period'),
      service: params.get('service'),
      serviceInfo: services.find((s) => s.code === params.get('service')) || null,
      unit: null,
      href, go, serviceName,
    };
    // A view may start asking for its figures while the unit is being read.
    if (VIEWS[view].prefetch && params.get('unit') && allowed(view)) {
      VIEWS[view].prefetch(ctx, params.get('unit'));
    }
    ctx.unit = params.get('unit') ? await api.unit(params.get('unit')).catch(() => null) : null;
    if (signal.aborted) return;
    drawContext(ctx, view);
    if (!allowed(view)) {
      show(main, h('h1', { tabindex: '-1' }, t('nav.' + view)),
        h('p', { class: 'state state-empty', role: 'status' }, session().signedIn ? t('state.notAllowed') : t('state.needSignIn')));
      return;
    }
    if (VIEWS[view].uses.includes('unit') && !ctx.unit && !((view === 'unit' || view === 'map') && params.get('code'))) {
      // No unit to show: a server without the demo data and without units yet, or a code that is gone.
      show(main, h('h1', {}, t('nav.' + (view === 'unit' ? 'overview' : view))),
        h('div', { class: 'state state-empty', role: 'status' }, h('p', {}, t('state.noUnit')),
          h('p', {}, h('a', { href: href('search', { unit: null }) }, t('nav.search')))));
      return;
    }
    cleanup = (await VIEWS[view].render(main, ctx)) || null;
  } catch (e) {
    if (signal.aborted) return;
    failed(main, e, render);
  }
}

/** After a new route, put keyboard and screen-reader focus on the page's heading. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

async function start() {
  translate();
  try {
    await initAuth();
  } catch (e) {
    failed(main, e, () => location.reload());
    return;
  }
  setToday((await appConfig()).today);
  mountSignIn(document.getElementById('user'));
  mountLanguageSwitch(document.getElementById('lang'));
  window.addEventListener('hashchange', async () => {
    await render();
    focusHeading();
  });
  onSessionChange(() => {
    // Another user starts from her own unit.
    const params = parseHash().params;
    params.delete('unit');
    history.replaceState(null, '', `#/${parseHash().view}?${params}`);
    render();
  });
  onLangChange(() => {
    translate();
    render();
  });
  await render();
}

start();
