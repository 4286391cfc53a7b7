/**
 * Charts and the choropleth, drawn with Apache ECharts (served from its WebJar, loaded only when a
 * view draws: the overview paints without it). Rate classes and colours are decided here, once,
 * so that the map, its legend and the table beside it agree.
 */
import { t, formatPercent, formatNumber } from '/shared/i18n.js';

// webjars-locator-lite on the server resolves the version: the pom says which ECharts is served.
const ECHARTS = '/webjars/echarts/dist/echarts.esm.min.js';
let echartsModule = null;

/** The ECharts module (imported once). */
export function loadECharts() {
  if (!echartsModule) {
    echartsModule = import(ECHARTS).catch((e) => {
      echartsModule = null;
      throw e;
    });
  }
  return echartsModule;
}

/**
 * Rate classes of the map: five steps of 20 points, a colour-blind-safe sequential palette
 * (ColorBrewer YlGnBu), darker is higher. Rates above 100 % (population figures older than the
 * records) fall in the top class.
 */
export const CLASSES = [
  { from: 0, to: 0.2, color: '#ffffcc' },
  { from: 0.2, to: 0.4, color: '#a1dab4' },
  { from: 0.4, to: 0.6, color: '#41b6c4' },
  { from: 0.6, to: 0.8, color: '#2c7fb8' },
  { from: 0.8, to: null, color: '#253494' },
];
/** Suppressed: grey with white hatching. No population figures: a pale grey, unhatched. */
export const SUPPRESSED = { color: '#7f7f7f', key: 'suppressed' };
export const NO_DATA = { color: '#e3e3e3', key: 'nodata' };

/**
 * The class of one unit's figures: an index into CLASSES, 'suppressed' or 'nodata'. A unit is drawn
 * as withheld when its rate is; suppressed alone may mean that only the change over the period is.
 */
export function classOf(rate) {
  if (rate.rate === null || rate.rate === undefined) return rate.suppressed ? 'suppressed' : 'nodata';
  const i = CLASSES.findIndex((c) => c.to === null || rate.rate < c.to);
  return i < 0 ? CLASSES.length - 1 : i;
}

export function colorOf(cls) {
  if (cls === 'suppressed') return SUPPRESSED.color;
  if (cls === 'nodata') return NO_DATA.color;
  return CLASSES[cls].color;
}

/** A class's words: "20% – dưới 40%". */
export function classLabel(cls) {
  if (cls === 'suppressed') return t('map.suppressed');
  if (cls === 'nodata') return t('map.noData');
  const c = CLASSES[cls];
  return c.to === null ? t('map.classTop', { from: formatPercent(c.from, 0) })
    : t('map.class', { from: formatPercent(c.from, 0), to: formatPercent(c.to, 0) });
}

const HATCH = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4,
  color: 'rgba(255, 255, 255, 0.75)' };

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/**
 * Draws the communes of a GeoJSON coloured by their rates into el, and calls onOpen(code) on a
 * click. rates: AdoptionRate objects by commune code. Returns the chart.
 */
export async function drawChoropleth(el, { mapName, geojson, rates, onOpen, minCell, label }) {
  const echarts = await loadECharts();
  if (!echarts.getMap(mapName)) {
    echarts.registerMap(mapName, geojson);
  }
  const data = geojson.features.map((f) => {
    const code = String(f.properties.code);
    const r = rates.get(code);
    const cls = r ? classOf(r) : 'nodata';
    const style = { areaColor: colorOf(cls) };
    if (cls === 'suppressed') {
      style.decal = HATCH;
    }
    return { name: code, value: r && cls !== 'suppressed' ? r.rate : null, itemStyle: style, emphasis: { itemStyle: { areaColor: colorOf(cls) } },
      rate: r, cls };
  });
  const cls = classOf;
  const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    aria: { enabled: true, label: { description: label } },
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const r = p.data && p.data.rate;
        const name = r ? r.unit.fullName : p.name;
        if (!r) return `<strong>${escapeHtml(name)}</strong>`;
        if (cls(r) === 'suppressed') {
          return `<strong>${escapeHtml(name)}</strong><br>${escapeHtml(t('map.tooltipSuppressed'))}<br>`
            + `<span style="max-width:16rem;display:inline-block;white-space:normal">${escapeHtml(t('map.suppressedWhy', { min: minCell }))}</span>`;
        }
        const lines = [
          `<strong>${escapeHtml(name)}</strong>`,
          `${escapeHtml(t('fig.rate'))}: <strong>${escapeHtml(formatPercent(r.rate))}</strong>`,
          escapeHtml(t('fig.of', { adopters: formatNumber(r.adopters), eligible: formatNumber(r.eligible) })),
        ];
        if (r.target !== null && r.target !== undefined) {
          lines.push(`${escapeHtml(t('fig.target'))}: ${escapeHtml(formatPercent(r.target))}`);
        }
        return lines.join('<br>');
      },
    },
    series: [{
      type: 'map',
      map: mapName,
      nameProperty: 'code',
      roam: false,
      selectedMode: false,
      layoutCenter: ['50%', '50%'],
      layoutSize: '96%',
      label: { show: false },
      emphasis: { label: { show: false }, itemStyle: { borderColor: '#000', borderWidth: 1.5 } },
      itemStyle: { borderColor: '#ffffff', borderWidth: 0.6 },
      data,
    }],
  }, true);
  chart.off('click');
  chart.on('click', (p) => {
    if (p.name) onOpen(p.name);
  });
  return chart;
}

/** A monthly trend: the rate (line) and the target in force (dashed), in percent. */
export async function drawTrend(el, { points, label }) {
  const echarts = await loadECharts();
  const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
  const months = points.map((p) => p.period.to.slice(5, 7) + '/' + p.period.to.slice(0, 4));
  const pct = (v) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
  chart.setOption({
    aria: { enabled: true, label: { description: label } },
    animation: false,
    grid: { left: 48, right: 16, top: 32, bottom: 40 },
    legend: { top: 0, data: [t('fig.rate'), t('fig.target')] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : formatNumber(v, { maximumFractionDigits: 1 }) + '%') },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => formatNumber(v) + '%' }, min: 0 },
    series: [
      { name: t('fig.rate'), type: 'line', data: points.map((p) => pct(p.rate)), connectNulls: false,
        itemStyle: { color: '#0b5cad' }, lineStyle: { width: 3 }, symbolSize: 6 },
      { name: t('fig.target'), type: 'line', data: points.map((p) => pct(p.target)), step: 'end',
        itemStyle: { color: '#c0392b' }, lineStyle: { type: 'dashed', width: 2 }, symbol: 'none' },
    ],
  }, true);
  return chart;
}

/** Keeps a chart's size with its container (laptop and tablet, portrait and landscape). */
export function followSize(el, chart) {
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
