/**
 * The queue (every record on the phone with its state, the reasons of a refusal, and the member's
 * own actions: send now, correct, discard) and "my work" (this week and month, her team's
 * scorecard).
 */
import { h, show, announce } from '/shared/dom.js';
import { t, formatDate, formatDateTime, formatNumber, formatPercent } from '/shared/i18n.js';
import { session, expiresAt } from '/shared/auth.js';
import { records, isWaiting, syncNow, syncStatus, discardRecord, clearSaved, onQueueChange, localDate } from './sync.js';
import { catalogue, teams, myWork } from './data.js';
import { nameOf, problemText } from './forms.js';

let stopQueue = null;

function serviceName(services, code) {
  const s = services.find((x) => x.code === code);
  return s ? nameOf(s) : code;
}

function stageName(services, code, stage) {
  const s = services.find((x) => x.code === code);
  const st = s && s.stages.find((x) => x.code === stage);
  return st ? nameOf(st) : stage;
}

function describe(r, services) {
  const s = r.summary || {};
  const lines = [];
  if (r.kind === 'attendance') {
    lines.push(s.title, t('record.attendees', { n: s.people }));
  } else {
    lines.push(`${serviceName(services, s.service)} · ${stageName(services, s.service, s.stage)}`);
    lines.push([s.villageName, s.occurredOn ? formatDate(s.occurredOn) : null, r.kind === 'activity' ? t('record.people', { n: s.people }) : null]
      .filter(Boolean).join(' · '));
  }
  return lines;
}

function kindKey(r) {
  if (r.kind === 'adoption') {
    return 'kind.adoption';
  }
  if (r.kind === 'attendance') {
    return 'kind.attendance';
  }
  return r.summary && r.summary.form === 'event' ? 'home.event' : 'kind.activity';
}

function item(r, services) {
  const form = (r.summary && r.summary.form) || (r.kind === 'adoption' ? 'adoption' : 'activity');
  return h('li', { class: 'record record-' + r.state, 'data-state': r.state, 'data-id': r.id },
    h('div', { class: 'record-head' },
      h('span', { class: 'badge badge-' + r.state }, t('state.' + r.state)),
      h('strong', {}, t(kindKey(r)))),
    describe(r, services).map((line) => h('p', { class: 'record-line' }, line)),
    r.state === 'refused' ? h('ul', { class: 'reasons', role: 'list' }, r.errors.map((e) => h('li', { class: 'reason', 'data-code': e.code }, problemText(e)))) : null,
    r.state === 'queued' && r.lastError && r.nextAttemptAt ? h('p', { class: 'hint' }, t('queue.nextTry', { time: formatDateTime(new Date(r.nextAttemptAt).toISOString()) })) : null,
    r.state === 'saved' && r.replayed ? h('p', { class: 'hint' }, t('record.replayed')) : null,
    r.state === 'refused' || r.state === 'queued' ? h('div', { class: 'record-actions' },
      r.state === 'refused' && !r.errors.some((e) => e.code === 'UNREADABLE') ? h('a', { class: 'btn btn-primary correct', href: `#/${form}?edit=${r.id}` }, t('queue.correct')) : null,
      h('button', { type: 'button', class: 'btn discard', onclick: async () => {
        if (window.confirm(t('queue.discard.confirm'))) {
          await discardRecord(r.id);
        }
      } }, t('queue.discard'))) : null);
}

export async function queueView(container) {
  const services = (await catalogue().catch(() => ({ value: [] }))).value;
  let drawn = null;
  const draw = async () => {
    if (!container.isConnected || !location.hash.startsWith('#/queue')) {
      return;
    }
    const me = session();
    const list = (await records()).filter((r) => r.subject === me.subject);
    const waiting = list.filter(isWaiting);
    const refused = list.filter((r) => r.state === 'refused');
    const saved = list.filter((r) => r.state === 'saved');
    const st = syncStatus();
    // The periodic send changes nothing most of the time: then only its time is updated, and the
    // screen (with her focus or her place in a screen reader) stays as it is.
    const shown = JSON.stringify([list.map((r) => [r.id, r.state, r.nextAttemptAt, r.errors, r.replayed]), st.running, expiresAt()]);
    const lastSync = container.querySelector('#last-sync');
    if (shown === drawn && lastSync && st.lastRunAt) {
      lastSync.textContent = t('queue.lastSync', { time: formatDateTime(st.lastRunAt) });
      return;
    }
    drawn = shown;
    const group = (key, items, id) => (items.length ? h('section', { class: 'group', id },
      h('h2', {}, t(key), ' ', h('span', { class: 'count' }, String(items.length))),
      h('ul', { class: 'records' }, items.map((r) => item(r, services)))) : null);
    show(container, h('section', {},
      h('h1', { tabindex: '-1' }, t('queue.title')),
      h('div', { class: 'sync-bar' },
        h('button', { type: 'button', class: 'btn btn-primary btn-big', id: 'send-now', disabled: st.running || !waiting.length,
          onclick: () => syncNow({ force: true }) }, st.running ? t('queue.sending') : t('queue.sendNow')),
        st.lastRunAt ? h('p', { class: 'hint', id: 'last-sync' }, t('queue.lastSync', { time: formatDateTime(st.lastRunAt) })) : null,
        // Offline she can keep working until then; after it, the queue waits for a new sign-in.
        expiresAt() ? h('p', { class: 'hint', id: 'session-until' }, t('queue.sessionUntil', { time: formatDateTime(new Date(expiresAt()).toISOString()) })) : null),
      list.length ? null : h('div', { class: 'state state-empty' }, h('p', {}, t('queue.empty')), h('p', { class: 'hint' }, t('queue.emptyHint'))),
      group('queue.refusedGroup', refused, 'refused'),
      group('queue.waitingGroup', waiting, 'waiting-list'),
      saved.length ? h('section', { class: 'group', id: 'saved' },
        h('h2', {}, t('queue.savedGroup'), ' ', h('span', { class: 'count' }, String(saved.length))),
        h('p', { class: 'hint' }, t('queue.savedToday')),
        h('ul', { class: 'records' }, saved.slice(0, 50).map((r) => item(r, services))),
        h('button', { type: 'button', class: 'btn', onclick: () => clearSaved() }, t('queue.clearSaved'))) : null));
  };
  if (stopQueue) {
    stopQueue();
  }
  stopQueue = onQueueChange(draw);
  await draw();
}

function weekStart(today) {
  const d = new Date(today + 'T00:00:00');
  const day = (d.getDay() + 6) % 7; // Monday first, as Vietnamese calendars count the week
  d.setDate(d.getDate() - day);
  return localDate(d);
}

export async function myView(container) {
  const me = session();
  const today = localDate();
  const monday = weekStart(today);
  const month = today.slice(0, 8) + '01';
  const services = (await catalogue().catch(() => ({ value: [] }))).value;
  const team = (await teams().catch(() => ({ value: [] }))).value[0];
  const mine = (await records()).filter((r) => r.subject === me.subject && r.state === 'saved' && r.summary && r.summary.occurredOn);
  const count = (from, pred) => mine.filter((r) => r.summary.occurredOn >= from && pred(r)).length;
  const adoption = (r) => r.kind === 'adoption';
  const parts = [h('h1', { tabindex: '-1' }, t('me.title'))];
  let work = null;
  if (team) {
    parts.push(h('p', { class: 'strong' }, t('me.team', { name: team.name })));
    work = await myWork(team).catch((e) => ({ error: e }));
  }
  const server = work && work.value;
  const acts = (from) => (server ? server.activities.filter((a) => a.occurredOn >= from) : []);
  // Residents helped: the server's count of her saved records (from any phone) when it answered,
  // else what this phone recorded; records still waiting on the phone are shown in the queue.
  const recorded = server && server.recorded;
  const helped = (period, from) => (recorded ? recorded[period].residentsHelped : count(from, adoption));
  const cell = (v) => h('td', { class: 'num' }, v === null ? '—' : formatNumber(v));
  parts.push(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'my-counts' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('me.week')), h('th', { class: 'num' }, t('me.month')))),
    h('tbody', {},
      h('tr', { 'data-row': 'adoptions' }, h('th', {}, t(recorded ? 'me.adoptions' : 'me.adoptions.device')),
        cell(helped('week', monday)), cell(helped('month', month))),
      h('tr', { 'data-row': 'activities' }, h('th', {}, t('me.activities')), cell(server ? acts(monday).length : null), cell(server ? acts(month).length : null)),
      h('tr', { 'data-row': 'people' }, h('th', {}, t('me.people')),
        cell(server ? acts(monday).reduce((n, a) => n + a.people, 0) : null), cell(server ? acts(month).reduce((n, a) => n + a.people, 0) : null))))));
  const byService = {};
  if (recorded) {
    recorded.month.byService.forEach((s) => { byService[s.service.code] = s.residentsHelped; });
  } else {
    mine.filter((r) => adoption(r) && r.summary.occurredOn >= month).forEach((r) => {
      byService[r.summary.service] = (byService[r.summary.service] || 0) + 1;
    });
  }
  if (Object.keys(byService).length) {
    parts.push(h('h2', {}, t('me.byService')), h('ul', { class: 'plain' },
      Object.entries(byService).map(([code, n]) => h('li', {}, `${serviceName(services, code)}: ${formatNumber(n)}`))));
  }
  if (work && work.value) {
    if (!work.fresh) {
      parts.push(h('p', { class: 'state state-empty' }, t('me.offline')));
    }
    const sc = work.value.scorecard;
    if (sc) {
      parts.push(h('h2', {}, t('me.scorecard', { period: work.value.month })),
        h('dl', { class: 'scorecard', id: 'scorecard' },
          [['me.scorecard.members', formatNumber(sc.members)],
            ['me.scorecard.active', `${formatNumber(sc.activeMembers)} (${formatPercent(sc.members ? sc.activeMembers / sc.members : null)})`],
            ['me.scorecard.activities', formatNumber(sc.supportActivities)],
            ['me.scorecard.helped', formatNumber(sc.residentsHelped)],
            ['me.scorecard.adoptions', formatNumber(sc.adoptionsRecorded)],
            ['me.scorecard.trained', formatNumber(sc.trainedMembers)]].map(([k, v]) => h('div', {}, h('dt', {}, t(k)), h('dd', {}, v)))),
        sc.flagged ? h('div', { class: 'flags' }, h('h3', {}, t('me.scorecard.flags')),
          h('ul', {}, sc.flags.map((f) => h('li', {}, document.documentElement.lang === 'en' ? f.message : f.messageVi))))
          : h('p', { class: 'state state-ok' }, t('me.scorecard.ok')));
    }
    parts.push(h('h2', {}, t('me.trainings')), work.value.trainings.length
      ? h('ul', { class: 'plain' }, work.value.trainings.map((x) => h('li', {}, `${formatDate(x.heldOn)} · ${x.title}`)))
      : h('p', { class: 'hint' }, t('me.trainings.none')));
    parts.push(h('p', { class: 'hint' }, t('me.asOf', { time: formatDateTime(new Date(work.at).toISOString()) })));
  } else if (work && work.error) {
    parts.push(h('p', { class: 'state state-error' }, work.error.message));
  }
  show(container, h('section', {}, parts));
  announce(t('me.title'));
}


