/** Pieces the views share: figures as text, the withheld mark, and a sortable table. */
import { h } from '/shared/dom.js';
import { t, formatPercent, formatNumber, formatPoints } from '/shared/i18n.js';

/** A rate as text; withheld figures say so. */
export function rateText(r) {
  if (!r) return '—';
  return r.suppressed && (r.rate === null || r.rate === undefined) ? t('fig.suppressed') : formatPercent(r.rate);
}

/** The mark of a withheld figure, with its reason for screen readers and on hover. */
export function suppressedMark(minCell) {
  return h('span', { class: 'suppressed-mark', title: t('fig.suppressedLong', { min: minCell }) },
    h('span', { 'aria-hidden': 'true', class: 'hatch' }), t('fig.suppressed'));
}

/** A number cell, or the withheld mark when the figure is withheld. */
export function figure(value, r, minCell, format = formatNumber) {
  if ((value === null || value === undefined) && r && r.suppressed) {
    return suppressedMark(minCell);
  }
  return format(value);
}

/** The gap to target in words: "thiếu 5,0 điểm %" or "vượt 2,0 điểm %". */
export function gapText(gap) {
  if (gap === null || gap === undefined) return '—';
  const points = formatPoints(Math.abs(gap)).replace('+', '');
  return gap > 0 ? t('fig.behindBy', { points }) : t('fig.aheadBy', { points });
}

/**
 * A table sorted by clicking its column headings (buttons, so the keyboard works; aria-sort says
 * the order). columns: [{ key, label, num, sort: row => value, cell: row => node or text }].
 */
export function sortableTable({ caption, columns, rows, sortKey, descending = false, rowAttrs = () => ({}) }) {
  let key = sortKey || columns[0].key;
  let desc = descending;
  const table = h('table', { class: 'table sortable' });
  const draw = () => {
    const col = columns.find((c) => c.key === key);
    const sorted = [...rows].sort((a, b) => {
      const va = col.sort(a);
      const vb = col.sort(b);
      // Rows without a value (withheld, none) go last whichever the direction.
      if (va === null || va === undefined) return vb === null || vb === undefined ? 0 : 1;
      if (vb === null || vb === undefined) return -1;
      const cmp = typeof va === 'string' ? va.localeCompare(vb, 'vi') : va - vb;
      return desc ? -cmp : cmp;
    });
    table.replaceChildren(
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {
        scope: 'col', class: c.num ? 'num' : null, 'aria-sort': c.key === key ? (desc ? 'descending' : 'ascending') : (c.sort ? 'none' : null),
      }, c.sort ? h('button', { type: 'button', class: 'sort', 'data-key': c.key, onclick: () => {
        desc = c.key === key ? !desc : !!c.num;
        key = c.key;
        draw();
        table.querySelector(`button[data-key="${c.key}"]`).focus();
      } }, c.label, h('span', { 'aria-hidden': 'true', class: 'sort-arrow' }, c.key === key ? (desc ? ' ▼' : ' ▲') : ' ↕')) : c.label)))),
      h('tbody', {}, sorted.map((row) => h('tr', rowAttrs(row), columns.map((c) => h(c.header ? 'th' : 'td',
        { class: c.num ? 'num' : null, scope: c.header ? 'row' : null }, c.cell(row)))))));
  };
  draw();
  return h('div', { class: 'table-wrap' }, table);
}
