/**
 * Overview: how far each digital service has come in the unit — one tile per service at its
 * adopted stage (adopters, eligible, rate, target, gap) and the change since the previous period —
 * and how the unit is covered by teams. Answers "where do we stand this period?".
 * API: adoptionRates(under: unit, groupBy: the unit's level) per service, coverage(code).
 */
import { h, show } from '/shared/dom.js';
import { t, lang, formatNumber, formatPercent, formatChange, formatPoints } from '/shared/i18n.js';
import * as api from '../api.js';
import { label, previousLabel, withChange } from '../period.js';
import { gapText, suppressedMark } from '../ui.js';

function tile(service, r, ctx) {
  const name = ctx.serviceName(service);
  const stage = lang() === 'vi' ? service.adoptedStage.nameVi : service.adoptedStage.nameEn;
  const withheld = r && r.suppressed && (r.rate === null || r.rate === undefined);
  const body = [];
  if (!r) {
    body.push(h('p', { class: 'hint' }, t('fig.noPopulation')));
  } else {
    body.push(h('p', { class: 'tile-rate' }, withheld ? suppressedMark(ctx.minCell) : formatPercent(r.rate)));
    if (!withheld) {
      body.push(h('p', { class: 'tile-of' }, t('fig.of', { adopters: formatNumber(r.adopters), eligible: formatNumber(r.eligible) })));
    }
    if (r.eligible === null && !r.suppressed) {
      body.push(h('p', { class: 'hint' }, t('fig.noPopulation')));
    }
    body.push(h('dl', { class: 'tile-facts' },
      h('dt', {}, t('fig.target')), h('dd', {}, r.target === null || r.target === undefined ? t('fig.noTarget') : formatPercent(r.target)),
      r.target !== null && r.target !== undefined ? [h('dt', {}, t('fig.gap')), h('dd', {}, gapText(r.gapToTarget))] : null));
    if (r.newAdopters !== null && r.newAdopters !== undefined) {
      // The change since the previous period's end, in people and in points of this period's eligible population.
      const before = r.eligible ? (r.adopters - r.newAdopters) / r.eligible : null;
      const points = r.rate !== null && before !== null ? r.rate - before : null;
      body.push(h('p', { class: 'tile-change ' + (r.newAdopters > 0 ? 'up' : r.newAdopters < 0 ? 'down' : '') },
        t('fig.change', { previous: previousLabel(ctx.period), people: formatChange(r.newAdopters), points: formatPoints(points) })));
    } else {
      body.push(h('p', { class: 'hint' }, withheld ? t('fig.suppressedLong', { min: ctx.minCell })
        : t('fig.changeWithheld', { previous: previousLabel(ctx.period), min: ctx.minCell })));
    }
  }
  if (!service.available) {
    body.push(h('p', { class: 'hint' }, t('fig.unavailable')));
  }
  return h('article', {
    class: 'tile' + (withheld ? ' tile-suppressed' : ''), 'data-service': service.code,
    'data-adopters': r && r.adopters !== null ? r.adopters : '', 'data-rate': r && r.rate !== null ? r.rate : '',
    'data-suppressed': r ? String(r.suppressed) : '', 'aria-labelledby': `tile-${service.code}`,
  },
  h('h2', { id: `tile-${service.code}` }, name),
  h('p', { class: 'tile-stage' }, t('fig.stage', { stage })),
  body,
  h('a', { class: 'tile-link', href: ctx.href('map', { service: service.code }) }, t('overview.openService')));
}

function coverageTile(c) {
  return h('article', { class: 'tile tile-coverage', 'aria-labelledby': 'tile-coverage' },
    h('h2', { id: 'tile-coverage' }, t('overview.coverage')),
    h('p', { class: 'tile-rate' }, formatNumber(c.teams)),
    h('p', { class: 'tile-of' }, t('overview.coverageLine', { teams: formatNumber(c.teams), members: formatNumber(c.members) })),
    c.communes > 1 ? h('p', {}, t('overview.coverageCommunes', { with: formatNumber(c.communesWithTeam), all: formatNumber(c.communes) })) : null,
    h('p', {}, t('overview.coverageVillages', { with: formatNumber(c.villagesWithTeam), all: formatNumber(c.villages) })));
}

/** Asks for the overview's figures as soon as the unit's code is known (the answers are kept for the view). */
export function prefetchOverview(ctx, code) {
  api.overview(code, api.levelOf(code), ctx.services.map((s) => s.code), withChange(ctx.period)).catch(() => {});
}

export async function overview(main, ctx) {
  const heading = h('h1', {}, t('overview.title', { unit: ctx.unit.fullName }));
  if (!ctx.services.length) {
    show(main, heading, h('p', { class: 'state state-empty', role: 'status' }, t('overview.noServices')));
    return;
  }
  const data = await api.overview(ctx.unit.code, ctx.unit.level, ctx.services.map((s) => s.code), withChange(ctx.period));
  if (ctx.signal.aborted) return;
  show(main,
    heading,
    h('p', { class: 'intro' }, t('overview.intro', { period: label(ctx.period) })),
    h('div', { class: 'tiles', id: 'tiles' },
      ctx.services.map((s, i) => tile(s, data.rates[i], ctx)),
      data.coverage ? coverageTile(data.coverage) : null));
  // The first meaningful paint of the overview, for docs/benchmarks.md: the frame that shows the
  // figures (a timeout queued from the frame's callback runs after it is painted).
  requestAnimationFrame(() => setTimeout(() => performance.mark('caunoi:overview-figures'), 0));
}
