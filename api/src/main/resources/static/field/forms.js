/**
 * The three forms: a resident helped to a stage of a service, a support activity with a tally, and
 * a session (Digital Sunday, a group session) or training attendance. Each checks on the device
 * what the server would refuse (validate.js), then queues the record (sync.js) and is ready for the
 * next house. With ?edit=<id> a form opens a refused record with the server's reasons beside the
 * fields, and sends it again once corrected.
 *
 * The fields of a service — its stages and attributes — come from the catalogue the server
 * publishes (digitalServices), so a new plugin's service appears here with no change to the app.
 */
import { h, show, empty } from '/shared/dom.js';
import { t, lang, formatDateTime } from '/shared/i18n.js';
import { session } from '/shared/auth.js';
import { catalogue, villages, teams, teamMembers, campaigns, trainings } from './data.js';
import { addRecord, correctRecord, personalOf, localDate } from './sync.js';
import { checkAdoption, checkActivity, citizenDigits } from './validate.js';
import * as store from './store.js';

// The choices that stay from one house to the next (village, service, stage, date, place).
const last = {};

const MANAGERS = new Set(['COMMUNE_OFFICER', 'PROVINCE_ADMIN']);
const CHANNELS = ['DOOR_TO_DOOR', 'EVENT', 'WORKPLACE', 'ONLINE'];
const PLACES = ['VILLAGE', 'PUBLIC_PLACE', 'WORKPLACE', 'COMMUNE_HALL', 'ONLINE'];

export function nameOf(item, key = 'name') {
  return lang() === 'en' && item[key + 'En'] ? item[key + 'En'] : item[key];
}

/** A problem's text: the app's own for a known code, else the server's message. */
export function problemText(p) {
  const key = 'problem.' + p.code;
  const text = t(key);
  return text !== key ? text : t('problem.other', { message: p.message || p.code });
}

function fieldBox(id, label, control, { required = false, hint = null } = {}) {
  if (control instanceof Element) {
    // A label's "for" names only a form control: a group of radios or boxes is named by its label's id.
    if (['radiogroup', 'group'].includes(control.getAttribute('role'))) {
      control.setAttribute('aria-labelledby', 'l-' + id);
    }
    // The hint and the problem shown below it are read out with the field.
    control.setAttribute('aria-describedby', (hint ? 'h-' + id + ' ' : '') + 'e-' + id);
  }
  return h('div', { class: 'field', 'data-field': id },
    h('label', { for: 'f-' + id, id: 'l-' + id }, label, required ? h('span', { class: 'req' }, ' *') : null),
    hint ? h('p', { class: 'hint', id: 'h-' + id }, hint) : null,
    control,
    h('p', { class: 'field-error', id: 'e-' + id, hidden: true }));
}

function radios(name, options, value, onchange) {
  return h('div', { class: 'choices', role: 'radiogroup', id: 'f-' + name },
    options.map((o) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value: o.value, checked: o.value === value, onchange }),
      h('span', {}, o.label))));
}

function select(id, options, value, { placeholder = true, onchange } = {}) {
  return h('select', { id: 'f-' + id, name: id, onchange },
    placeholder ? h('option', { value: '' }, t('form.choose')) : null,
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
}

function valueOf(form, name) {
  const el = form.querySelector(`[name="${name}"]:checked`) || form.querySelector(`[name="${name}"]`);
  if (!el || (el.type === 'radio' && !el.checked)) {
    return '';
  }
  return el.value.trim();
}

/** Shows problems beside their fields (and in a summary at the top that takes the focus). */
function showProblems(form, problems) {
  form.querySelectorAll('.field-error').forEach((e) => {
    e.hidden = true;
    e.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-problems');
  if (!problems.length) {
    summary.hidden = true;
    return;
  }
  const unplaced = [];
  for (const p of problems) {
    const id = p.field === 'input' ? null : p.field.replace(/^supportedBy\./, '');
    const box = id ? form.querySelector(`#e-${CSS.escape(id)}`) : null;
    if (box) {
      box.hidden = false;
      box.textContent = (box.textContent ? box.textContent + ' ' : '') + problemText(p);
      const control = form.querySelector('#f-' + CSS.escape(id));
      if (control) {
        control.setAttribute('aria-invalid', 'true');
      }
    } else {
      unplaced.push(p);
    }
  }
  summary.hidden = false;
  summary.replaceChildren(h('p', {}, t('form.fix', { n: problems.length })));
  if (unplaced.length) {
    summary.append(h('ul', {}, unplaced.map((p) => h('li', {}, problemText(p)))));
  }
  summary.focus();
}

function savedNote(form, text) {
  const note = form.querySelector('.form-saved');
  note.hidden = false;
  note.textContent = text;
}

function formShell(titleKey, editing, body, onsubmit) {
  const form = h('form', { class: 'record-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const save = form.querySelector('#save');
    if (save.disabled) {
      return; // a second tap while the first is being kept would queue the record twice, under two keys
    }
    save.disabled = true;
    form.querySelector('.form-saved').hidden = true;
    try {
      await onsubmit(form);
    } catch (err) {
      // The phone could not keep it (storage full, IndexedDB failing): she must know it is not queued.
      showProblems(form, [{ field: 'input', code: 'NOT_KEPT', message: String((err && err.message) || err) }]);
    } finally {
      save.disabled = false;
    }
  } },
  h('div', { class: 'form-problems state state-error', role: 'alert', tabindex: '-1', hidden: true }),
  h('p', { class: 'form-saved state state-ok', role: 'status', hidden: true }),
  body,
  h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-big', id: 'save' }, t(editing ? 'form.resend' : 'form.save')),
    editing ? h('a', { class: 'btn btn-big', href: '#/queue' }, t('form.cancel')) : null));
  // A field's problem goes once she changes the field: a warning left beside a corrected value reads as a new one.
  const clearOwnProblem = (e) => {
    const box = e.target.closest('.field');
    const error = box && box.querySelector(':scope > .field-error');
    if (error && !error.hidden) {
      error.hidden = true;
      error.textContent = '';
      box.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    }
  };
  form.addEventListener('input', clearOwnProblem);
  form.addEventListener('change', clearOwnProblem);
  return h('section', {}, h('h1', { tabindex: '-1' }, t(editing ? 'form.correct.title' : titleKey)), form);
}

async function loadEdit(id) {
  if (!id) {
    return { record: null, personal: null };
  }
  const record = await store.get('records', id);
  if (!record || record.state !== 'refused') {
    location.hash = '#/queue';
    return null;
  }
  return { record, personal: await personalOf(record) };
}

function cacheNote(at) {
  return h('p', { class: 'hint cache-note' }, t('field.cacheAge', { time: formatDateTime(new Date(at).toISOString()) }));
}

/** Attribute values listed in the format ("A, B or C"): offered as a list instead of free text. */
function listedValues(spec) {
  const words = (spec.formatEn || spec.format || '').split(/,\s*|\s+or\s+/).map((w) => w.trim());
  return words.length > 1 && words.every((w) => /^[A-Z0-9_]+$/.test(w)) ? words : null;
}

function stageOptions(service) {
  return [...service.stages].sort((a, b) => a.order - b.order).map((s) => ({ value: s.code, label: nameOf(s) }));
}

function serviceOptions(services) {
  return services.map((s) => ({ value: s.code, label: nameOf(s) }));
}

function villageOptions(list) {
  return list.map((v) => ({ value: v.code, label: v.fullName }));
}

async function needs(container) {
  const [cat, vil, tms] = await Promise.all([catalogue(), villages(), teams()]);
  if (!cat.value.length) {
    empty(container, t('field.noCatalogue'));
    return null;
  }
  if (!tms.value.length) {
    empty(container, t('field.needsMember'));
    return null;
  }
  return { services: cat.value, at: cat.at, villages: vil.value, teams: tms.value };
}

function teamField(teamsList, value) {
  if (teamsList.length < 2) {
    return null;
  }
  return fieldBox('team', t('form.team'), select('team', teamsList.map((x) => ({ value: x.id, label: x.name })), value, { placeholder: false }));
}

function chosenTeam(form, teamsList) {
  const id = valueOf(form, 'team');
  return teamsList.find((x) => x.id === id) || teamsList[0];
}

// ---- A resident helped ----------------------------------------------------------------------------

export async function adoptionForm(container, editId) {
  const ctx = await needs(container);
  const edit = ctx && (await loadEdit(editId));
  if (!ctx || !edit) {
    return;
  }
  const { record, personal } = edit;
  const start = record ? { ...record.data, ...personal, team: record.data.supportedBy && record.data.supportedBy.team }
    : { village: last.village || (ctx.villages[0] && ctx.villages[0].code), service: last.service, stage: last.stage, occurredOn: last.occurredOn };
  const today = localDate();
  const attributesBox = h('div', { class: 'attributes' });
  const stageBox = h('div');

  const drawStage = (form, keepStage) => {
    const service = ctx.services.find((s) => s.code === valueOf(form, 'service'));
    const stage = keepStage || valueOf(form, 'stage');
    stageBox.replaceChildren(service ? fieldBox('stage', t('form.stage'), radios('stage', stageOptions(service), stage, () => drawAttributes(form)), { required: true }) : '');
    drawAttributes(form, start.attributes);
  };
  const drawAttributes = (form, values) => {
    const current = values || Object.fromEntries([...attributesBox.querySelectorAll('[data-attribute]')].map((el) => [el.dataset.attribute, el.value]));
    const service = ctx.services.find((s) => s.code === valueOf(form, 'service'));
    const stage = valueOf(form, 'stage');
    if (!service || !stage) {
      attributesBox.replaceChildren();
      return;
    }
    const required = new Set((service.required || {})[stage] || []);
    attributesBox.replaceChildren(...service.attributes.filter((a) => !a.stage || a.stage === stage).map((a) => {
      const id = 'attributes.' + a.name;
      const listed = listedValues(a);
      const control = listed
        ? h('select', { id: 'f-' + id, 'data-attribute': a.name }, h('option', { value: '' }, t('form.choose')),
          listed.map((v) => h('option', { value: v, selected: current[a.name] === v }, v)))
        : h('input', { id: 'f-' + id, 'data-attribute': a.name, type: 'text', value: current[a.name] || '', autocomplete: 'off' });
      return fieldBox(id, nameOf(a, 'label'), control, { required: required.has(a.name), hint: nameOf(a, 'format') });
    }));
  };

  const body = h('div', { class: 'fields' },
    fieldBox('citizenId', t('form.citizenId'), h('input', { id: 'f-citizenId', name: 'citizenId', type: 'text', inputmode: 'numeric',
      autocomplete: 'off', spellcheck: 'false', maxlength: '16', value: start.citizenId || '', 'aria-describedby': 'h-citizenId',
      oninput: (e) => suggestFromId(e.target.form) }), { required: true, hint: t('form.citizenId.hint') }),
    h('div', { class: 'row' },
      fieldBox('birthYear', t('form.birthYear'), h('input', { id: 'f-birthYear', name: 'birthYear', type: 'number', inputmode: 'numeric',
        min: '1900', max: today.slice(0, 4), value: start.birthYear ?? '' })),
      fieldBox('sex', t('form.sex'), radios('sex', ['FEMALE', 'MALE'].map((v) => ({ value: v, label: t('form.sex.' + v) })), start.sex))),
    fieldBox('village', t('form.village'), select('village', villageOptions(ctx.villages), start.village), { required: true }),
    fieldBox('service', t('form.service'), select('service', serviceOptions(ctx.services), start.service, {
      onchange: (e) => drawStage(e.target.form) }), { required: true }),
    stageBox,
    attributesBox,
    fieldBox('occurredOn', t('form.occurredOn'), h('input', { id: 'f-occurredOn', name: 'occurredOn', type: 'date', max: today,
      value: start.occurredOn || today }), { required: true }),
    teamField(ctx.teams, start.team),
    cacheNote(ctx.at));

  const section = formShell('form.adoption.title', !!record, body, async (form) => {
    const team = chosenTeam(form, ctx.teams);
    const birth = valueOf(form, 'birthYear');
    const attributes = Object.fromEntries([...form.querySelectorAll('[data-attribute]')].map((el) => [el.dataset.attribute, el.value.trim()])
      .filter(([, v]) => v));
    const input = { citizenId: citizenDigits(valueOf(form, 'citizenId')), birthYear: birth ? Number(birth) : null, sex: valueOf(form, 'sex') || null,
      village: valueOf(form, 'village'), service: valueOf(form, 'service'), stage: valueOf(form, 'stage'), attributes,
      occurredOn: valueOf(form, 'occurredOn') };
    const problems = checkAdoption(input, ctx.services, ctx.villages, today);
    showProblems(form, problems);
    if (problems.length) {
      return;
    }
    const village = ctx.villages.find((v) => v.code === input.village);
    const entry = {
      data: { service: input.service, stage: input.stage, village: input.village, occurredOn: input.occurredOn,
        supportedBy: { team: team.id } },
      personal: { citizenId: input.citizenId, birthYear: input.birthYear, sex: input.sex, attributes },
      summary: { form: 'adoption', service: input.service, stage: input.stage, village: input.village,
        villageName: village ? village.fullName : input.village, occurredOn: input.occurredOn, people: 1 },
    };
    Object.assign(last, { village: input.village, service: input.service, stage: input.stage, occurredOn: input.occurredOn });
    if (record) {
      await correctRecord(record.id, entry);
      location.hash = '#/queue';
      return;
    }
    await addRecord({ kind: 'adoption', ...entry });
    // Ready for the next resident: the person's fields are emptied, the place and service stay.
    form.querySelector('#f-citizenId').value = '';
    form.querySelector('#f-birthYear').value = '';
    form.querySelectorAll('[name="sex"]').forEach((r) => {
      r.checked = false;
    });
    form.querySelectorAll('[data-attribute]').forEach((el) => {
      el.value = '';
    });
    savedNote(form, t('form.saved'));
    form.querySelector('#f-citizenId').focus();
  });
  show(container, section);
  const form = section.querySelector('form');
  drawStage(form, start.stage);
  if (record) {
    showProblems(form, record.errors);
  }
}

/** Fills the birth year and sex from the citizen ID's digits when they are still empty. */
function suggestFromId(form) {
  const digits = citizenDigits(form.querySelector('#f-citizenId').value);
  if (!/^\d{12}$/.test(digits)) {
    return;
  }
  const year = 1900 + Math.floor(Number(digits[3]) / 2) * 100 + Number(digits.slice(4, 6));
  const birth = form.querySelector('#f-birthYear');
  if (!birth.value) {
    birth.value = String(year);
  }
  if (!form.querySelector('[name="sex"]:checked')) {
    const sex = Number(digits[3]) % 2 === 0 ? 'MALE' : 'FEMALE';
    form.querySelector(`[name="sex"][value="${sex}"]`).checked = true;
  }
}

// ---- A support activity, and a session ------------------------------------------------------------

function tally(value) {
  const input = h('input', { id: 'f-people', name: 'people', type: 'number', inputmode: 'numeric', min: '1', max: '100000', value: String(value || 1) });
  const step = (d) => {
    input.value = String(Math.max(1, (Number(input.value) || 0) + d));
  };
  return h('div', { class: 'tally' },
    h('button', { type: 'button', class: 'btn btn-big', 'aria-label': t('form.people.less'), onclick: () => step(-1) }, '−'),
    input,
    h('button', { type: 'button', class: 'btn btn-big', 'aria-label': t('form.people.more'), id: 'people-more', onclick: () => step(1) }, '+'));
}

async function activityLike(container, editId, asSession) {
  const ctx = await needs(container);
  const edit = ctx && (await loadEdit(editId));
  if (!ctx || !edit) {
    return;
  }
  const { record } = edit;
  const camps = await campaigns().catch(() => ({ value: [] }));
  const today = localDate();
  const start = record ? { ...record.data }
    : { service: last.service, stage: last.stage, occurredOn: last.occurredOn, unit: last.village,
      channel: asSession ? 'EVENT' : 'DOOR_TO_DOOR', placeKind: asSession ? 'VILLAGE' : 'VILLAGE', people: 1 };
  const places = (team) => {
    const list = villageOptions(ctx.villages);
    if (team && team.unit && !list.some((v) => v.value === team.unit.code)) {
      list.unshift({ value: team.unit.code, label: team.unit.fullName });
    }
    return list;
  };
  const stageBox = h('div');
  const drawStage = (form, keep) => {
    const service = ctx.services.find((s) => s.code === valueOf(form, 'service'));
    stageBox.replaceChildren(service ? fieldBox('stage', t('form.stage'), radios('stage', stageOptions(service), keep || valueOf(form, 'stage')), { required: true }) : '');
  };
  const firstTeam = ctx.teams.find((x) => x.id === start.team) || ctx.teams[0];
  const body = h('div', { class: 'fields' },
    camps.value.length ? fieldBox('campaign', t('form.campaign'), h('select', { id: 'f-campaign', name: 'campaign' },
      h('option', { value: '' }, t('form.campaign.none')),
      camps.value.map((c) => h('option', { value: c.id, selected: c.id === start.campaign }, c.name)))) : null,
    fieldBox('service', t('form.service'), select('service', serviceOptions(ctx.services), start.service, {
      onchange: (e) => drawStage(e.target.form) }), { required: true }),
    stageBox,
    fieldBox('people', t('form.people'), tally(start.people), { required: true }),
    asSession ? null : fieldBox('channel', t('form.channel'), radios('channel', CHANNELS.map((c) => ({ value: c, label: t('channel.' + c) })), start.channel), { required: true }),
    fieldBox('placeKind', t('form.placeKind'), select('placeKind', PLACES.map((p) => ({ value: p, label: t('place.' + p) })), start.placeKind), { required: true }),
    fieldBox('placeName', t('form.placeName'), h('input', { id: 'f-placeName', name: 'placeName', type: 'text', maxlength: '200', value: start.placeName || '' }),
      { hint: t('form.placeName.hint') }),
    fieldBox('unit', t('form.village'), select('unit', places(firstTeam), start.unit || (ctx.villages[0] && ctx.villages[0].code)), { required: true }),
    fieldBox('occurredOn', t('form.occurredOn'), h('input', { id: 'f-occurredOn', name: 'occurredOn', type: 'date', max: today,
      value: start.occurredOn || today }), { required: true }),
    fieldBox('note', t('form.note'), h('textarea', { id: 'f-note', name: 'note', rows: '2', maxlength: '1000' }, start.note || '')),
    teamField(ctx.teams, start.team),
    cacheNote(ctx.at));

  const section = formShell(asSession ? 'form.event.title' : 'form.activity.title', !!record, body, async (form) => {
    const team = chosenTeam(form, ctx.teams);
    const input = { service: valueOf(form, 'service'), stage: valueOf(form, 'stage'), people: Number(valueOf(form, 'people')),
      channel: asSession ? 'EVENT' : valueOf(form, 'channel'), placeKind: valueOf(form, 'placeKind'), placeName: valueOf(form, 'placeName') || null,
      unit: valueOf(form, 'unit'), occurredOn: valueOf(form, 'occurredOn'), note: valueOf(form, 'note') || null,
      campaign: valueOf(form, 'campaign') || null };
    const allowed = places(team).map((p) => ({ code: p.value }));
    const problems = checkActivity(input, ctx.services, allowed, today);
    showProblems(form, problems);
    if (problems.length) {
      return;
    }
    const me = session();
    const place = places(team).find((p) => p.value === input.unit);
    const entry = {
      data: { ...input, team: team.id, member: me.member ? me.member.id : null },
      personal: null,
      summary: { form: asSession ? 'event' : 'activity', service: input.service, stage: input.stage, village: input.unit,
        villageName: place ? place.label : input.unit, occurredOn: input.occurredOn, people: input.people, channel: input.channel },
    };
    Object.assign(last, { service: input.service, stage: input.stage, occurredOn: input.occurredOn, village: input.unit });
    if (record) {
      await correctRecord(record.id, entry);
      location.hash = '#/queue';
      return;
    }
    await addRecord({ kind: 'activity', ...entry });
    form.querySelector('#f-people').value = '1';
    form.querySelector('#f-note').value = '';
    savedNote(form, t('form.saved'));
    form.querySelector('#save').focus();
  });
  show(container, section);
  const form = section.querySelector('form');
  drawStage(form, start.stage);
  if (record) {
    showProblems(form, record.errors);
  }
  return section;
}

export function activityForm(container, editId) {
  return activityLike(container, editId, false);
}

/** A session (Digital Sunday: a support activity at an event, with its tally), or training attendance for officers. */
export async function eventForm(container, editId) {
  const me = session();
  const edit = editId ? await store.get('records', editId) : null;
  if (edit && edit.kind === 'attendance') {
    return trainingForm(container, edit);
  }
  const section = await activityLike(container, editId, true);
  if (!section || editId) {
    return;
  }
  const kinds = h('div', { class: 'field' },
    h('p', { class: 'label' }, t('form.event.kind')),
    h('div', { class: 'choices' },
      h('span', { class: 'choice choice-on' }, t('form.event.session')),
      MANAGERS.has(me.role)
        ? h('button', { type: 'button', class: 'btn', id: 'go-training', onclick: () => trainingForm(container, null) }, t('form.event.training'))
        : null),
    MANAGERS.has(me.role) ? null : h('p', { class: 'hint' }, t('form.event.trainingOnlyOfficers')));
  section.querySelector('h1').after(kinds);
}

async function trainingForm(container, record) {
  const [list, tms] = await Promise.all([trainings(), teams()]);
  const start = record ? { ...record.data, team: record.summary.team } : {};
  const membersBox = h('div', { class: 'choices', id: 'f-members', role: 'group' });
  const drawMembers = async (teamId) => {
    const team = tms.value.find((x) => x.id === teamId) || tms.value[0];
    const people = team ? (await teamMembers(team).catch(() => ({ value: [] }))).value : [];
    membersBox.replaceChildren(...people.map((m) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'members', value: m.id, checked: (start.members || []).includes(m.id) }),
      h('span', {}, m.fullName))));
  };
  const body = h('div', { class: 'fields' },
    list.value.length
      ? fieldBox('training', t('form.training'), select('training', list.value.map((x) => ({ value: x.id, label: `${x.heldOn} · ${x.title}` })), start.training), { required: true })
      : h('p', { class: 'state state-empty' }, t('form.training.none')),
    tms.value.length > 1 ? fieldBox('team', t('form.team'), select('team', tms.value.map((x) => ({ value: x.id, label: x.name })), start.team,
      { placeholder: false, onchange: (e) => drawMembers(e.target.value) })) : null,
    fieldBox('members', t('form.attendees'), membersBox));
  await drawMembers(start.team);
  const section = formShell('form.event.training', !!record, body, async (form) => {
    const training = valueOf(form, 'training');
    const members = [...form.querySelectorAll('[name="members"]:checked')].map((c) => c.value);
    const problems = [];
    if (!training) {
      problems.push({ field: 'training', code: 'REQUIRED' });
    }
    if (!members.length) {
      problems.push({ field: 'members', code: 'REQUIRED' });
    }
    showProblems(form, problems);
    if (problems.length) {
      return;
    }
    const chosen = list.value.find((x) => x.id === training);
    const entry = { data: { training, members }, personal: null,
      summary: { form: 'event', title: chosen ? chosen.title : training, occurredOn: chosen ? chosen.heldOn : null, people: members.length,
        team: valueOf(form, 'team') || null } };
    if (record) {
      await correctRecord(record.id, entry);
      location.hash = '#/queue';
      return;
    }
    await addRecord({ kind: 'attendance', ...entry });
    savedNote(form, t('form.saved'));
  });
  show(container, section);
  if (record) {
    showProblems(section.querySelector('form'), record.errors);
  }
}
