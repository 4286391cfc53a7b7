/**
 * Search: find any administrative unit by name or code on any date — "tan hoa", "Tân Hoà" and
 * "Tân Hòa" find the same commune; on a date before the 2025 reform the old communes and districts.
 * API: units(search, asOf, level, first).
 */
import { h, show, empty, failed, loading } from '/shared/dom.js';
import { t, formatDate } from '/shared/i18n.js';
import * as api from '../api.js';
import { today } from '../period.js';
import { unitHref } from './map.js';

export async function search(main, ctx) {
  const q = ctx.params.get('q') || '';
  const asOf = ctx.params.get('asOf') || today();
  const level = ctx.params.get('level') || '';
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  const input = h('input', { type: 'search', id: 'search-q', name: 'q', value: q, minlength: '2', autocomplete: 'off', required: true });
  const date = h('input', { type: 'date', id: 'search-asof', name: 'asOf', value: asOf, max: today() });
  const levelSelect = h('select', { id: 'search-level', name: 'level' },
    h('option', { value: '' }, t('search.any')),
    ['PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE'].map((l) => h('option', { value: l, selected: l === level }, t('level.' + l))));
  show(main,
    h('h1', {}, t('search.title')),
    h('p', { class: 'intro' }, t('search.intro')),
    h('form', { role: 'search', class: 'search-form', onsubmit: (e) => {
      e.preventDefault();
      ctx.go('search', { ...Object.fromEntries(ctx.params), q: input.value.trim(), asOf: date.value || null, level: levelSelect.value || null });
    } },
    h('div', { class: 'field grow' }, h('label', { for: 'search-q' }, t('search.query')), input),
    h('div', { class: 'field' }, h('label', { for: 'search-asof' }, t('search.asOf')), date),
    h('div', { class: 'field' }, h('label', { for: 'search-level' }, t('search.level')), levelSelect),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('search.submit'))),
    results);
  if (q.trim().length < 2) {
    empty(results, t('search.prompt'));
    input.focus();
    return;
  }
  loading(results);
  try {
    const found = await api.search({ q: q.trim(), asOf, level: level || null });
    if (ctx.signal.aborted) return;
    if (!found.nodes.length) {
      empty(results, t('search.empty', { q, date: formatDate(asOf) }));
      return;
    }
    const current = asOf === today();
    show(results,
      h('p', { role: 'status' }, t('search.results', { n: found.totalCount })),
      h('ul', { class: 'results' }, found.nodes.map((u) => h('li', { 'data-code': u.code },
        h('a', { href: current && !u.validTo ? unitHref(ctx, u.code) : unitHref(ctx, u.code, asOf) }, u.fullName),
        ' ', h('span', { class: 'hint' }, [t('level.' + u.level), u.code,
          u.ancestors.map((a) => a.fullName).join(', '),
          u.validTo ? t('search.ended', { date: formatDate(u.validTo) }) : null].filter(Boolean).join(' · ')),
        current && !u.validTo && u.level !== 'VILLAGE'
          ? [' ', h('a', { class: 'btn btn-quiet use-unit', href: ctx.href('overview', { unit: u.code }) }, t('search.use'))] : null))));
  } catch (e) {
    if (!ctx.signal.aborted) failed(results, e);
  }
}
