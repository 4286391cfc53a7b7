/**
 * Reports: the files a department sends up, for the unit and period on screen — adoption rates of
 * the units below it for a service, and (signed in) the team scorecards — as XLSX or CSV.
 * API: GET /reports/adoption-rates and GET /reports/team-scorecards (the same parameters as the
 * GraphQL queries), downloaded with the user's token.
 */
import { h, show, failed, loading } from '/shared/dom.js';
import { download } from '/shared/client.js';
import { t, formatNumber } from '/shared/i18n.js';
import { label } from '../period.js';

function button(format, onClick) {
  return h('button', { type: 'button', class: 'btn btn-primary', 'data-format': format, onclick: onClick },
    t('reports.download', { format: format.toUpperCase() }));
}

async function fetchFile(status, url, buttons) {
  buttons.forEach((b) => { b.disabled = true; });
  loading(status, t('reports.downloading'));
  try {
    const file = await download(url);
    show(status, h('p', { role: 'status', class: 'done', 'data-file': file.fileName },
      t('reports.done', { file: file.fileName, size: formatNumber(file.size) })));
  } catch (e) {
    failed(status, e);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

export async function reports(main, ctx) {
  const unit = ctx.unit;
  const childLevel = unit.children.nodes.length ? unit.children.nodes[0].level : unit.level;
  const service = ctx.serviceName(ctx.serviceInfo);
  const signedIn = ctx.session.signedIn;

  const rateStatus = h('div', { id: 'rates-status', 'aria-live': 'polite' });
  const rateButtons = ['xlsx', 'csv'].map((f) => button(f, () => {
    const q = new URLSearchParams({ under: unit.code, groupBy: childLevel, service: ctx.service, period: ctx.period, orderBy: 'CODE', format: f });
    return fetchFile(rateStatus, '/reports/adoption-rates?' + q, rateButtons);
  }));

  const cardStatus = h('div', { id: 'scorecards-status', 'aria-live': 'polite' });
  const flagged = h('input', { type: 'checkbox', id: 'report-flagged-only' });
  const cardButtons = ['xlsx', 'csv'].map((f) => button(f, () => {
    const q = new URLSearchParams({ under: unit.code, period: ctx.period, flaggedOnly: String(flagged.checked), format: f });
    return fetchFile(cardStatus, '/reports/team-scorecards?' + q, cardButtons);
  }));

  show(main,
    h('h1', {}, t('reports.title', { unit: unit.fullName })),
    h('p', { class: 'intro' }, t('reports.intro', { period: label(ctx.period) })),
    signedIn ? null : h('p', { class: 'hint' }, t('reports.publicNote')),
    h('section', { class: 'report', id: 'report-rates', 'aria-labelledby': 'report-rates-title' },
      h('h2', { id: 'report-rates-title' }, t('reports.rates')),
      h('p', {}, t('reports.ratesWhat', { service, levels: t('levels.' + childLevel), unit: unit.fullName })),
      h('div', { class: 'buttons' }, rateButtons),
      rateStatus),
    signedIn ? h('section', { class: 'report', id: 'report-scorecards', 'aria-labelledby': 'report-cards-title' },
      h('h2', { id: 'report-cards-title' }, t('reports.scorecards')),
      h('p', {}, t('reports.scorecardsWhat', { unit: unit.fullName })),
      h('label', { class: 'check', for: 'report-flagged-only' }, flagged, t('reports.flaggedOnly')),
      h('div', { class: 'buttons' }, cardButtons),
      cardStatus) : null);
}
