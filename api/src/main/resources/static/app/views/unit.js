/**
 * A commune (or any unit): how its uptake moved over 24 months, which of its villages lag, how its
 * teams do, and where it came from — predecessors and successors with dates and legal basis.
 * API: unit(code, asOf) with predecessors/successors; adoptionTrend (monthly); adoptionRates of its
 * children; teamScorecards in the user's scope, else the public coverage.
 */
import { h, show, empty, failed, loading } from '/shared/dom.js';
import { t, formatNumber, formatPercent, formatDate } from '/shared/i18n.js';
import * as api from '../api.js';
import { label, endOf, addMonths, today } from '../period.js';
import { drawTrend, followSize } from '../charts.js';
import { communeTable, unitHref } from './map.js';
import { scorecardTable } from './teams.js';

/** Whether the signed-in user's scope holds the unit (itself or an ancestor on its date). */
function inScope(session, unit) {
  if (!session.signedIn) return false;
  if (session.allUnits) return true;
  const ids = new Set(session.scope.map((u) => u.id));
  return ids.has(unit.id) || (unit.ancestors || []).some((a) => ids.has(a.id));
}

async function section(el, fn) {
  loading(el);
  try {
    await fn();
  } catch (e) {
    failed(el, e, () => section(el, fn));
  }
}

function changeRow(c, direction, ctx) {
  const other = c.unit;
  // A predecessor is seen the day before the change, a successor on its day.
  const asOf = direction === 'from' ? addDaysIso(c.effectiveDate, -1) : c.effectiveDate;
  return h('tr', {},
    h('td', {}, formatDate(c.effectiveDate)),
    h('td', {}, t('change.' + c.type) + ' (' + t('unit.share.' + c.share) + ')'),
    h('th', { scope: 'row' }, h('a', { href: other.validTo && other.validTo <= today() ? unitHref(ctx, other.code, asOf) : unitHref(ctx, other.code) },
      other.fullName),
      ' ', h('span', { class: 'hint' }, t('unit.code', { code: other.code }))),
    h('td', {}, c.legalBasis || '—'));
}

function addDaysIso(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return date.toISOString().slice(0, 10);
}

function historyTable(title, changes, direction, ctx) {
  if (!changes.length) return null;
  return [h('h3', {}, title), h('div', { class: 'table-wrap' }, h('table', { class: 'table', 'data-history': direction },
    h('thead', {}, h('tr', {}, [t('unit.date'), t('unit.change'), t('fig.unit'), t('unit.legalBasis')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, changes.map((c) => changeRow(c, direction, ctx)))))];
}

export async function unitView(main, ctx) {
  const code = ctx.params.get('code') || (ctx.unit && ctx.unit.code);
  const asOf = ctx.params.get('asOf') || null;
  if (!code) {
    empty(main, t('search.prompt'));
    return;
  }
  const unit = await api.unit(code, asOf);
  if (ctx.signal.aborted) return;
  if (!unit) {
    empty(main, t('search.empty', { q: code, date: formatDate(asOf || today()) }));
    return;
  }
  // 24 months ending with the period on screen (or today, when the period runs on).
  const end = [endOf(ctx.period), today()].sort()[0];
  const from = addMonths(end, -23).slice(0, 7) + '-01';
  const service = ctx.serviceName(ctx.serviceInfo);
  const childLevel = unit.children.nodes.length ? unit.children.nodes[0].level : null;

  const trendBox = h('div', { class: 'trend' });
  const childrenBox = h('div', {});
  const teamsBox = h('div', {});
  const historyBox = h('div', {});
  show(main,
    h('header', { class: 'unit-head' },
      h('h1', {}, unit.fullName),
      h('p', { class: 'hint' }, [t('level.' + unit.level), t('unit.code', { code: unit.code }),
        unit.ancestors.length ? t('unit.partOf', { parents: unit.ancestors.map((a) => a.fullName).join(', ') }) : null,
        t('unit.valid', { from: formatDate(unit.validFrom) }) + (unit.validTo ? ' ' + t('unit.validTo', { to: formatDate(unit.validTo) }) : '')]
        .filter(Boolean).join(' · ')),
      unit.validTo ? h('p', { class: 'state state-empty', role: 'status' }, t('unit.ended', { date: formatDate(unit.validTo) })) : null,
      unit.level === 'PROVINCE' || unit.level === 'COMMUNE'
        ? h('p', {}, h('a', { id: 'unit-map', href: ctx.href('map', { code: unit.code, asOf: asOf || null }) }, t('unit.onMap'))) : null),
    h('section', { 'aria-labelledby': 'trend-title' }, h('h2', { id: 'trend-title' }, t('unit.trend', { service })), trendBox),
    childLevel ? h('section', { 'aria-labelledby': 'children-title' },
      h('h2', { id: 'children-title' }, t('unit.children', { service, levels: t('levels.' + childLevel) })), childrenBox) : null,
    h('section', { 'aria-labelledby': 'teams-title' }, h('h2', { id: 'teams-title' }, t('unit.teams')), teamsBox),
    h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('unit.history')), historyBox));

  let disposeChart = null;
  const work = [
    section(trendBox, async () => {
      const points = await api.trend({ code: unit.code, service: ctx.service, from, to: end, asOf });
      if (ctx.signal.aborted) return;
      if (!points.length) {
        empty(trendBox, t('unit.trendEmpty'));
        return;
      }
      if (points.every((p) => p.rate === null || p.rate === undefined)) {
        empty(trendBox, points.some((p) => p.suppressed) ? t('fig.suppressedLong', { min: ctx.minCell }) : t('fig.noPopulation'));
        return;
      }
      const description = t('unit.trend', { service }) + ' — ' + unit.fullName;
      const canvas = h('div', { class: 'trend-canvas', id: 'trend-canvas', role: 'img', 'aria-label': description });
      show(trendBox, canvas,
        h('details', {}, h('summary', {}, t('unit.trendTable')), h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'trend-table' },
          h('thead', {}, h('tr', {}, [t('unit.month'), t('fig.rate'), t('fig.adopters'), t('fig.newAdopters'), t('fig.eligible'), t('fig.target')]
            .map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
          h('tbody', {}, points.map((p) => h('tr', {},
            h('th', { scope: 'row' }, p.period.to.slice(5, 7) + '/' + p.period.to.slice(0, 4)),
            h('td', { class: 'num' }, p.suppressed && p.rate === null ? t('fig.suppressed') : formatPercent(p.rate)),
            h('td', { class: 'num' }, p.suppressed && p.adopters === null ? t('fig.suppressed') : formatNumber(p.adopters)),
            h('td', { class: 'num' }, formatNumber(p.newAdopters)),
            h('td', { class: 'num' }, formatNumber(p.eligible)),
            h('td', { class: 'num' }, formatPercent(p.target)))))))));
      const chart = await drawTrend(canvas, { points, label: description });
      disposeChart = followSize(canvas, chart);
    }),
    childLevel ? section(childrenBox, async () => {
      const rates = await api.rates({ under: unit.code, groupBy: childLevel, service: ctx.service, period: ctx.period, asOf });
      if (ctx.signal.aborted) return;
      if (!rates.length) {
        empty(childrenBox, t('unit.noChildren'));
        return;
      }
      show(childrenBox, h('p', { class: 'hint' }, label(ctx.period)), communeTable(rates, ctx, t('unit.children', { service, levels: t('levels.' + childLevel) }), asOf));
    }) : null,
    section(teamsBox, async () => {
      if (inScope(ctx.session, unit) && unit.level !== 'PROVINCE') {
        const page = await api.scorecards({ under: unit.code, period: ctx.period, flaggedOnly: false });
        if (ctx.signal.aborted) return;
        if (!page.nodes.length) {
          empty(teamsBox, t('teams.empty', { unit: unit.fullName }));
          return;
        }
        show(teamsBox,
          h('p', { class: 'summary' }, t('teams.summary', { flagged: formatNumber(page.flaggedCount), total: formatNumber(page.totalCount) })),
          scorecardTable(page.nodes, t('unit.teams')),
          page.pageInfo.hasNextPage ? h('a', { href: ctx.href('teams', { unit: unit.code }) }, t('teams.more')) : null);
        return;
      }
      const note = ctx.session.signedIn ? t('unit.teamsOutside') : t('unit.teamsPublic');
      if (unit.level === 'VILLAGE' || unit.validTo) {
        show(teamsBox, h('p', { class: 'hint' }, note));
        return;
      }
      const c = await api.coverage(unit.code, asOf);
      if (ctx.signal.aborted) return;
      show(teamsBox,
        h('p', { id: 'coverage' }, t('overview.coverageLine', { teams: formatNumber(c.teams), members: formatNumber(c.members) }),
          ' · ', t('overview.coverageVillages', { with: formatNumber(c.villagesWithTeam), all: formatNumber(c.villages) })),
        h('p', { class: 'hint' }, note));
    }),
    section(historyBox, async () => {
      const hist = await api.history(unit.code, asOf);
      if (ctx.signal.aborted) return;
      if (!hist.predecessors.length && !hist.successors.length) {
        empty(historyBox, t('unit.noHistory'));
        return;
      }
      show(historyBox,
        historyTable(t('unit.predecessors'), hist.predecessors, 'from', ctx),
        historyTable(t('unit.successors'), hist.successors, 'to', ctx));
    }),
  ];
  await Promise.all(work);
  return () => disposeChart && disposeChart();
}
