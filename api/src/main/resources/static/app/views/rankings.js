/**
 * Rankings: which units under the one on screen lead and which lag for a service — rank by rate,
 * with targets and gaps; sortable; "behind target only" narrows it to those to follow up.
 * API: adoptionRates(under, groupBy: the level below, service, period, orderBy: RATE_DESC).
 */
import { h, show, empty } from '/shared/dom.js';
import { t, formatNumber, formatPercent, formatChange } from '/shared/i18n.js';
import * as api from '../api.js';
import { label } from '../period.js';
import { sortableTable, rateText, figure, gapText } from '../ui.js';
import { unitHref } from './map.js';

export async function rankings(main, ctx) {
  const unit = ctx.unit;
  const childLevel = unit && unit.children.nodes.length ? unit.children.nodes[0].level : null;
  if (!childLevel) {
    empty(main, t('rankings.none', { unit: unit ? unit.fullName : '—' }));
    return;
  }
  const behindOnly = ctx.params.get('behind') === '1';
  const service = ctx.serviceName(ctx.serviceInfo);
  const all = await api.rates({ under: unit.code, groupBy: childLevel, service: ctx.service, period: ctx.period, orderBy: 'RATE_DESC' });
  if (ctx.signal.aborted) return;
  const rows = behindOnly ? all.filter((r) => r.gapToTarget !== null && r.gapToTarget > 0) : all;
  const title = t('rankings.title', { levels: t('levels.' + childLevel), unit: unit.fullName });
  show(main,
    h('h1', {}, title),
    h('p', { class: 'intro' }, t('rankings.intro', { service, period: label(ctx.period) })),
    h('div', { class: 'filters' }, h('label', { class: 'check' },
      h('input', { type: 'checkbox', id: 'behind-only', checked: behindOnly,
        onchange: (e) => ctx.go('rankings', { ...Object.fromEntries(ctx.params), behind: e.target.checked ? '1' : null }) }),
      t('rankings.behindOnly'))),
    rows.length ? sortableTable({
      caption: title,
      rows,
      sortKey: 'rank',
      rowAttrs: (r) => ({ 'data-code': r.unit.code, 'data-withheld': String(r.rate === null && r.suppressed) }),
      columns: [
        { key: 'rank', label: t('fig.rank'), num: true, sort: (r) => r.rank, cell: (r) => formatNumber(r.rank) },
        { key: 'name', label: t('fig.unit'), header: true, sort: (r) => r.unit.fullName,
          cell: (r) => [h('a', { href: unitHref(ctx, r.unit.code) }, r.unit.fullName), ' ', h('span', { class: 'hint' }, r.unit.code)] },
        { key: 'rate', label: t('fig.rate'), num: true, sort: (r) => r.rate, cell: (r) => rateText(r) },
        { key: 'adopters', label: t('fig.adopters'), num: true, sort: (r) => r.adopters, cell: (r) => figure(r.adopters, r, ctx.minCell) },
        { key: 'new', label: t('fig.newAdopters'), num: true, sort: (r) => r.newAdopters,
          cell: (r) => figure(r.newAdopters, r, ctx.minCell, formatChange) },
        { key: 'eligible', label: t('fig.eligible'), num: true, sort: (r) => r.eligible, cell: (r) => figure(r.eligible, r, ctx.minCell) },
        { key: 'target', label: t('fig.target'), num: true, sort: (r) => r.target, cell: (r) => formatPercent(r.target) },
        { key: 'gap', label: t('fig.gap'), num: true, sort: (r) => r.gapToTarget, cell: (r) => gapText(r.gapToTarget) },
      ],
    }) : h('div', { class: 'state state-empty', role: 'status' }, h('p', {}, behindOnly ? t('rankings.emptyBehind') : t('rankings.empty'))));
}
