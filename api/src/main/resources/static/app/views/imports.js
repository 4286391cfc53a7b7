/**
 * Imports (province administrators; commune officers for adoption lists): upload an agency's list,
 * watch it run, read what was rejected and why, download every rejected row.
 * API: POST /imports (multipart), importJob(id) while it runs, GET /imports/{id}/rejections.csv.
 */
import { h, show, failed, announce } from '/shared/dom.js';
import { upload, download } from '/shared/client.js';
import { t, lang, formatNumber, formatPercent, formatSeconds, formatDateTime } from '/shared/i18n.js';
import * as api from '../api.js';

const KEPT = 'caunoi.imports';

/**
 * Follows an import job until it ends, calling onUpdate(job) with each reading; resolves with the
 * last. It asks importJob(id) about once a second: one function, so that a subscription can take
 * its place without the view changing.
 */
export async function watchImportJob(id, onUpdate, signal) {
  for (;;) {
    const job = await api.importJob(id);
    if (signal && signal.aborted) return job;
    onUpdate(job);
    if (!job || job.state !== 'RUNNING') return job;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (signal && signal.aborted) return job;
  }
}

/** fractionDone: 0..1, or unknown (null, or negative as older servers say it). */
function fraction(job) {
  return job.fractionDone === null || job.fractionDone === undefined || job.fractionDone < 0 ? null : job.fractionDone;
}

function kept() {
  try {
    return JSON.parse(sessionStorage.getItem(KEPT) || '[]');
  } catch {
    return [];
  }
}

function keep(entry) {
  const list = [entry, ...kept().filter((e) => e.id !== entry.id)].slice(0, 10);
  try {
    sessionStorage.setItem(KEPT, JSON.stringify(list));
  } catch {
    // not kept: fine
  }
}

function jobPanel(job) {
  const f = fraction(job);
  const done = job.state !== 'RUNNING';
  return [
    h('h2', {}, job.fileName),
    h('p', { class: 'job-state', 'data-state': job.state }, h('strong', {}, t('imports.state.' + job.state))),
    h('label', { for: 'job-progress', class: 'sr-only' }, t('imports.progress')),
    f === null && !done ? h('progress', { id: 'job-progress', max: '1' })
      : h('progress', { id: 'job-progress', max: '1', value: String(done && job.state === 'DONE' ? 1 : f ?? 0) }),
    h('p', { class: 'job-rows' }, t('imports.rows', { done: formatNumber(job.rowsDone), accepted: formatNumber(job.rowsAccepted),
      rejected: formatNumber(job.rowsRejected) }), f !== null && !done ? ` (${formatPercent(f, 0)})` : ''),
    !done ? h('p', { class: 'hint' }, t('imports.speed', {
      rate: job.rowsPerSecond === null ? t('imports.unknown') : formatNumber(job.rowsPerSecond, { maximumFractionDigits: 0 }),
      eta: job.etaSeconds === null ? t('imports.unknown') : formatSeconds(job.etaSeconds) })) : null,
    job.failure ? h('p', { class: 'state state-error', role: 'alert' }, t('imports.failure', { reason: job.failure })) : null,
    done && job.finishedAt ? h('p', { class: 'hint' }, formatDateTime(job.finishedAt)) : null,
  ];
}

function rejections(job, status) {
  if (!job.rejections.length) {
    return h('p', { class: 'hint' }, t('imports.noRejections'));
  }
  return [
    h('h3', {}, t('imports.rejections')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'rejections' },
      h('thead', {}, h('tr', {}, [t('imports.line'), t('imports.column'), t('imports.reason')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, job.rejections.map((r) => h('tr', {}, h('td', { class: 'num' }, formatNumber(r.line)), h('td', {}, r.column || '—'),
        h('td', {}, r.reason, ' ', h('span', { class: 'hint' }, `(${r.code})`))))))),
    h('button', { type: 'button', class: 'btn', id: 'rejection-report', onclick: async () => {
      try {
        await download(job.rejectionReportUrl, 'rejections.csv');
      } catch (e) {
        failed(status, e);
      }
    } }, t('imports.report')),
  ];
}

export async function imports(main, ctx) {
  const admin = ctx.session.role === 'PROVINCE_ADMIN';
  const kinds = admin ? ['ADOPTION', 'POPULATION', 'TARGET'] : ['ADOPTION'];
  const name = (o, vi, en) => (lang() === 'vi' ? o[vi] : o[en]);
  const services = ctx.services.filter((s) => s.available);

  const kind = h('select', { id: 'import-kind', name: 'kind' }, kinds.map((k) => h('option', { value: k }, t('imports.kind.' + k))));
  const service = h('select', { id: 'import-service' }, services.map((s) => h('option', { value: s.code }, ctx.serviceName(s))));
  const stage = h('select', { id: 'import-stage' });
  const attributes = h('div', { class: 'attributes' });
  const agency = h('input', { type: 'text', id: 'import-agency', maxlength: '200' });
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    required: true, 'aria-describedby': 'import-help' });
  const adoptionFields = h('div', { class: 'form-row' },
    h('div', { class: 'field' }, h('label', { for: 'import-service' }, t('imports.service')), service),
    h('div', { class: 'field' }, h('label', { for: 'import-stage' }, t('imports.stage')), stage),
    h('div', { class: 'field' }, h('label', { for: 'import-agency' }, t('imports.agency')), agency));

  const drawStages = () => {
    const s = services.find((x) => x.code === service.value);
    stage.replaceChildren(...(s ? s.stages : []).map((st) => h('option', { value: st.code, selected: s.adoptedStage.code === st.code },
      name(st, 'nameVi', 'nameEn'))));
    drawAttributes();
  };
  const drawAttributes = () => {
    const s = services.find((x) => x.code === service.value);
    const attrs = s ? s.attributes.filter((a) => !a.stage || a.stage === stage.value) : [];
    attributes.replaceChildren(...attrs.map((a) => h('div', { class: 'field' },
      h('label', { for: `attr-${a.name}` }, name(a, 'labelVi', 'labelEn')),
      h('input', { type: 'text', id: `attr-${a.name}`, 'data-attr': a.name }))));
  };
  service.addEventListener('change', drawStages);
  stage.addEventListener('change', drawAttributes);
  kind.addEventListener('change', () => {
    const adoption = kind.value === 'ADOPTION';
    adoptionFields.hidden = !adoption;
    attributes.hidden = !adoption;
  });
  drawStages();

  const status = h('div', { id: 'import-status', 'aria-live': 'polite' });
  const job = h('section', { id: 'import-job', class: 'job', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'import-submit' }, t('imports.submit'));
  const recent = h('div', { id: 'import-recent' });

  const watch = async (id) => {
    try {
      const last = await watchImportJob(id, (j) => {
        if (j) show(job, jobPanel(j));
      }, ctx.signal);
      if (ctx.signal.aborted || !last) return;
      show(job, jobPanel(last), rejections(last, status));
      announce(t('imports.state.' + last.state));
      api.forget(); // the figures may have changed
      drawRecent();
    } catch (e) {
      if (!ctx.signal.aborted) failed(job, e, () => watch(id));
    }
  };

  const drawRecent = () => {
    const list = kept();
    recent.replaceChildren(...(list.length ? [h('h2', {}, t('imports.recent')), h('ul', {}, list.map((e) => h('li', {},
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => watch(e.id) }, e.fileName))))] : []));
  };

  const form = h('form', { class: 'import-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) {
      show(status, h('p', { class: 'state state-error', role: 'alert' }, t('imports.fileRequired')));
      file.focus();
      return;
    }
    const q = new URLSearchParams({ kind: kind.value });
    if (kind.value === 'ADOPTION') {
      q.set('service', service.value);
      q.set('stage', stage.value);
      if (agency.value.trim()) q.set('agency', agency.value.trim());
      attributes.querySelectorAll('input[data-attr]').forEach((i) => {
        if (i.value.trim()) q.set('attr.' + i.dataset.attr, i.value.trim());
      });
    }
    const body = new FormData();
    body.append('file', file.files[0]);
    submit.disabled = true;
    job.replaceChildren();
    show(status, h('p', { role: 'status' }, t('imports.uploading', { percent: formatPercent(0, 0) })));
    try {
      const answer = await upload('/imports?' + q, body, (share) => {
        status.firstChild.textContent = t('imports.uploading', { percent: formatPercent(share, 0) });
      });
      show(status, answer.alreadyImported ? h('p', { role: 'status' }, t('imports.already')) : '');
      keep({ id: answer.id, fileName: file.files[0].name });
      await watch(answer.id);
    } catch (err) {
      failed(status, err);
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-row' },
    h('div', { class: 'field' }, h('label', { for: 'import-kind' }, t('imports.kind')), kind),
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('imports.file')), file)),
  h('p', { class: 'hint', id: 'import-help' }, t('imports.formatHelp')),
  adoptionFields,
  attributes,
  h('div', { class: 'buttons' }, submit));

  show(main,
    h('h1', {}, t('imports.title')),
    h('p', { class: 'intro' }, t('imports.intro')),
    form, status, job, recent);
  drawRecent();
}
