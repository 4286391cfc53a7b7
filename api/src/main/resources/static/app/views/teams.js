/**
 * Team scorecards: which community digital technology teams are not effective, and why — each
 * team's members, activity, training and its area's growth against the province, flagged teams
 * first with the reasons in plain words. Signed-in users, in their scope.
 * API: teamScorecards(under, period, flaggedOnly, first, after).
 */
import { h, show, empty, failed, loading } from '/shared/dom.js';
import { t, lang, formatNumber, formatPercent } from '/shared/i18n.js';
import * as api from '../api.js';
import { label } from '../period.js';
import { sortableTable } from '../ui.js';

function flagList(card) {
  if (!card.flags.length) {
    return h('span', { class: 'ok' }, t('teams.ok'));
  }
  // The server's messages say the reason, the value and the threshold in plain words, in both languages.
  return h('ul', { class: 'flags' }, card.flags.map((f) => h('li', { 'data-flag': f.code }, lang() === 'vi' ? f.messageVi : f.message)));
}

/** The scorecards as a sortable table. */
export function scorecardTable(cards, caption) {
  return sortableTable({
    caption,
    rows: cards,
    sortKey: 'flags',
    descending: true,
    rowAttrs: (c) => ({ 'data-team': c.team.id, 'data-flagged': String(c.flagged), class: c.flagged ? 'flagged' : null }),
    columns: [
      { key: 'team', label: t('teams.team'), header: true, sort: (c) => c.team.name, cell: (c) => c.team.name },
      { key: 'area', label: t('teams.area'), sort: (c) => c.area.fullName, cell: (c) => c.area.fullName },
      { key: 'members', label: t('teams.members'), num: true, sort: (c) => c.members, cell: (c) => formatNumber(c.members) },
      { key: 'active', label: t('teams.active'), num: true, sort: (c) => c.activeMemberShare, cell: (c) => formatPercent(c.activeMemberShare, 0) },
      { key: 'activities', label: t('teams.activities'), num: true, sort: (c) => c.supportActivities, cell: (c) => formatNumber(c.supportActivities) },
      { key: 'perMember', label: t('teams.perMember'), num: true, sort: (c) => c.activitiesPerMemberPerMonth,
        cell: (c) => formatNumber(c.activitiesPerMemberPerMonth, { maximumFractionDigits: 2 }) },
      { key: 'trained', label: t('teams.trained'), num: true, sort: (c) => c.trainedMemberShare, cell: (c) => formatPercent(c.trainedMemberShare, 0) },
      { key: 'growth', label: t('teams.growth'), num: true, sort: (c) => c.growthVsProvince,
        cell: (c) => formatNumber(c.growthVsProvince, { maximumFractionDigits: 2 }) },
      { key: 'flags', label: t('teams.flags'), sort: (c) => c.flags.length, cell: flagList },
    ],
  });
}

export async function teams(main, ctx) {
  const flaggedOnly = ctx.params.get('flagged') === '1';
  const results = h('div', { id: 'scorecards' });
  const summary = h('p', { class: 'summary', role: 'status' });
  show(main,
    h('h1', {}, t('teams.title', { unit: ctx.unit.fullName })),
    h('p', { class: 'intro' }, t('teams.intro', { period: label(ctx.period) })),
    h('div', { class: 'filters' },
      h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'flagged-only', checked: flaggedOnly,
        onchange: (e) => ctx.go('teams', { ...Object.fromEntries(ctx.params), flagged: e.target.checked ? '1' : null }) }),
      t('teams.flaggedOnly'))),
    summary,
    results);
  const cards = [];
  const load = async (after) => {
    if (!after) loading(results);
    try {
      const page = await api.scorecards({ under: ctx.unit.code, period: ctx.period, flaggedOnly, after });
      if (ctx.signal.aborted) return;
      cards.push(...page.nodes);
      summary.textContent = t('teams.summary', { flagged: formatNumber(page.flaggedCount), total: formatNumber(page.totalCount) });
      if (!cards.length) {
        empty(results, flaggedOnly ? t('teams.emptyFlagged') : t('teams.empty', { unit: ctx.unit.fullName }));
        return;
      }
      show(results, scorecardTable(cards, t('teams.title', { unit: ctx.unit.fullName })),
        page.pageInfo.hasNextPage ? h('button', { type: 'button', class: 'btn', id: 'more', onclick: () => load(page.pageInfo.endCursor) },
          t('teams.more')) : null);
    } catch (e) {
      if (!ctx.signal.aborted) failed(results, e, () => load(after));
    }
  };
  await load(null);
}
