/**
 * Map: where in the province uptake lags — the communes of today's map coloured by the chosen
 * service's rate, withheld communes hatched and explained, figures on hover, a click opens the
 * commune. The same figures are in a table under it (for keyboards and screen readers).
 * API: adoptionRates(under: province, groupBy: COMMUNE, service, period); GET /boundaries.
 */
import { h, show } from '/shared/dom.js';
import { request, ApiError } from '/shared/client.js';
import { t, formatNumber, formatPercent, formatDate } from '/shared/i18n.js';
import * as api from '../api.js';
import { label, today } from '../period.js';
import { CLASSES, classOf, classLabel, colorOf, drawChoropleth, followSize } from '../charts.js';
import { sortableTable, rateText, figure, gapText } from '../ui.js';

let boundaryList = null;
const geojsonCache = new Map();

async function boundaries() {
  if (!boundaryList) {
    const response = await request('/boundaries');
    if (!response.ok) throw new ApiError({ code: 'HTTP', status: response.status });
    boundaryList = await response.json();
  }
  return boundaryList;
}

async function geojson(url) {
  if (!geojsonCache.has(url)) {
    const response = await request(url);
    if (!response.ok) throw new ApiError({ code: 'HTTP', status: response.status });
    geojsonCache.set(url, await response.json());
  }
  return geojsonCache.get(url);
}

/**
 * A link to a unit's page. A unit of today's map becomes the unit on screen (the overview, map and
 * reports follow it); an earlier map's unit is opened on its own date, the unit on screen kept.
 */
export function unitHref(ctx, code, asOf) {
  return asOf ? ctx.href('unit', { code, asOf }) : ctx.href('unit', { unit: code, code: null, asOf: null });
}

/** The province a unit lies in today (itself for a province). */
export function provinceOf(unit) {
  if (unit.level === 'PROVINCE') return unit;
  return (unit.ancestors || []).find((a) => a.level === 'PROVINCE') || null;
}

function legend(counts, minCell) {
  const item = (cls) => h('li', { 'data-class': String(cls) },
    h('span', { class: 'swatch' + (cls === 'suppressed' ? ' swatch-hatched' : ''), style: `background-color:${colorOf(cls)}`, 'aria-hidden': 'true' }),
    h('span', {}, classLabel(cls)), h('span', { class: 'count' }, t('map.count', { n: formatNumber(counts.get(cls) || 0) })));
  return h('div', { class: 'legend', role: 'group', 'aria-labelledby': 'legend-title' },
    h('h2', { id: 'legend-title' }, t('map.legend')),
    h('ul', {}, CLASSES.map((_, i) => item(i)), item('suppressed'), item('nodata')),
    counts.get('suppressed') ? h('p', { class: 'hint', id: 'suppressed-why' }, t('map.suppressedWhy', { min: minCell })) : null);
}

/** The communes' figures as a sortable table; names link to each commune (on the map's date when given). */
export function communeTable(rates, ctx, caption, asOf) {
  return sortableTable({
    caption,
    rows: rates,
    sortKey: 'name',
    rowAttrs: (r) => ({ 'data-code': r.unit.code, 'data-class': String(classOf(r)), 'data-withheld': String(classOf(r) === 'suppressed') }),
    columns: [
      { key: 'name', label: t('fig.unit'), header: true, sort: (r) => r.unit.fullName,
        cell: (r) => [h('a', { href: unitHref(ctx, r.unit.code, asOf) }, r.unit.fullName), ' ', h('span', { class: 'hint' }, r.unit.code)] },
      { key: 'rate', label: t('fig.rate'), num: true, sort: (r) => r.rate, cell: (r) => rateText(r) },
      { key: 'adopters', label: t('fig.adopters'), num: true, sort: (r) => r.adopters, cell: (r) => figure(r.adopters, r, ctx.minCell) },
      { key: 'eligible', label: t('fig.eligible'), num: true, sort: (r) => r.eligible, cell: (r) => figure(r.eligible, r, ctx.minCell) },
      { key: 'target', label: t('fig.target'), num: true, sort: (r) => r.target, cell: (r) => formatPercent(r.target) },
      { key: 'gap', label: t('fig.gap'), num: true, sort: (r) => r.gapToTarget, cell: (r) => gapText(r.gapToTarget) },
    ],
  });
}

export async function map(main, ctx) {
  // The map of another date (?code=34&asOf=2024-06-01): the province as it was, its communes then.
  const asOf = ctx.params.get('asOf') || null;
  const code = ctx.params.get('code');
  const unit = code ? await api.unit(code, asOf) : ctx.unit;
  if (ctx.signal.aborted) return;
  const province = unit ? provinceOf(unit) : null;
  if (!province) {
    show(main, h('h1', {}, t('nav.map')), h('p', { class: 'state state-empty', role: 'status' }, t('state.noUnit')));
    return;
  }
  const service = ctx.serviceName(ctx.serviceInfo);
  const mapDate = asOf || today();
  const [files, rates] = await Promise.all([
    boundaries(),
    api.rates({ under: province.code, groupBy: 'COMMUNE', service: ctx.service, period: ctx.period, asOf }),
  ]);
  if (ctx.signal.aborted) return;
  const file = files.filter((f) => f.province === province.code && f.validFrom <= mapDate)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const heading = h('h1', {}, t('map.title', { service, period: label(ctx.period) }));
  const intro = h('p', { class: 'intro' }, asOf ? t('map.introOn', { province: province.fullName, date: formatDate(asOf) })
    : t('map.intro', { province: province.fullName }));
  const byCode = new Map(rates.map((r) => [r.unit.code, r]));
  const counts = new Map();
  rates.forEach((r) => counts.set(classOf(r), (counts.get(classOf(r)) || 0) + 1));
  const table = h('details', { class: 'map-table', open: !file },
    h('summary', {}, `${t('map.table')} (${formatNumber(rates.length)})`),
    communeTable(rates, ctx, t('map.table'), asOf));
  if (!file) {
    show(main, heading, intro,
      h('div', { class: 'state state-empty', role: 'status', id: 'no-boundaries' },
        h('p', {}, t('map.noBoundaries', { province: province.fullName })), h('p', { class: 'hint' }, t('map.noBoundariesHint'))),
      table);
    return;
  }
  const shape = await geojson(file.url);
  if (ctx.signal.aborted) return;
  const description = t('map.aria', { count: formatNumber(shape.features.length), province: province.fullName, service });
  const canvas = h('div', { class: 'map-canvas', id: 'map-canvas', role: 'img', 'aria-label': description });
  show(main,
    heading,
    intro,
    h('div', { class: 'map-layout' },
      h('figure', { class: 'map-figure' }, canvas,
        h('figcaption', { class: 'credits' },
          h('span', {}, t('map.mapDate', { date: formatDate(file.validFrom) }) + '. ' + t('map.credits') + ': '),
          file.credits.map((c) => h('span', { class: 'credit' }, c)))),
      legend(counts, ctx.minCell)),
    table);
  const chart = await drawChoropleth(canvas, {
    mapName: `communes-${province.code}-${file.validFrom}`, geojson: shape, rates: byCode, minCell: ctx.minCell, label: description,
    onOpen: (commune) => {
      location.hash = unitHref(ctx, commune, asOf).slice(1);
    },
  });
  canvas.dataset.ready = 'true';
  return followSize(canvas, chart);
}
