/**
 * What the forms need, read from the server when online and kept in IndexedDB for offline use:
 * the service catalogue (with the attributes each service requires at each stage), the member's
 * team and its villages, the campaigns running, the trainings (for officers), and the member's
 * figures. Every reader returns the cached value when the server cannot be reached.
 */
import { graphql } from '/shared/client.js';
import { session } from '/shared/auth.js';
import { cached, cache } from './store.js';
import { localDate } from './sync.js';

const CATALOGUE = `query FieldCatalogue { digitalServices { code available
  name nameEn: name(lang: EN) adoptedStage { code }
  stages { code order name nameEn: name(lang: EN) }
  attributes { name stage label labelEn: label(lang: EN) format formatEn: format(lang: EN) } } }`;

const MY_TEAMS = `query FieldMyTeams { me { member { memberships { validTo
  team { id name level unit { code fullName level } } } } } }`;

const VILLAGES = `query FieldVillages($code: String!) { unit(code: $code) { code fullName level
  children(level: VILLAGE, first: 500) { nodes { code fullName } } } }`;

// Without memberships: a member who joined before the 2025 map is not resolved through them for a
// commune's officer; teamMembers() asks members(team:) instead.
const TEAMS = `query FieldTeams($under: String!) { teams(under: $under, status: ACTIVE, first: 200) {
  nodes { id name unit { code fullName level } } } }`;

const MEMBERS = `query FieldMembers($under: String!, $team: ID!) { members(under: $under, team: $team, first: 500) {
  nodes { id fullName } } }`;

const CAMPAIGNS = `query FieldCampaigns($on: Date!) { campaigns(activeOn: $on, first: 50) { nodes { id name startsOn endsOn } } }`;

const TRAININGS = `query FieldTrainings($under: String!, $from: Date!) { trainings(under: $under, from: $from, first: 100) {
  nodes { id title heldOn attendees { id } } } }`;

const MY_WORK = `query FieldMyWork($under: String!, $team: ID!, $from: Date!, $to: Date!, $week: Date!, $period: String!) {
  supportActivities(under: $under, team: $team, from: $from, to: $to, first: 500) {
    totalCount nodes { occurredOn people member { id } service { code } } }
  teamScorecards(under: $under, period: $period, first: 100) { nodes { team { id name }
    members activeMembers supportActivities residentsHelped adoptionsRecorded trainedMembers flagged
    flags { code message messageVi } } }
  me { member { trainings { id title heldOn } }
    week: recorded(from: $week, to: $to) { adoptions residentsHelped }
    month: recorded(from: $from, to: $to) { adoptions residentsHelped byService { service { code } adoptions residentsHelped } } } }`;

// On a line that is up but slow, a form waits this long for a fresh answer before it opens with the kept one.
const FRESH_WAIT_MS = 2_000;

/**
 * Reads from the server and keeps the answer, or returns the kept one: { value, at, fresh }. With a
 * kept answer, the server gets FRESH_WAIT_MS: a slower answer still refreshes the copy for next time.
 */
async function readThrough(key, read) {
  const fresh = read().then(async (value) => {
    await cache(key, value);
    return { value, at: Date.now(), fresh: true };
  });
  const kept = await cached(key);
  if (!kept) {
    return fresh;
  }
  fresh.catch(() => null); // a failure after the wait is no one's to handle: the copy stands
  const late = new Promise((resolve) => { setTimeout(() => resolve(null), FRESH_WAIT_MS); });
  try {
    return (await Promise.race([fresh, late])) || { value: kept.value, at: kept.at, fresh: false };
  } catch (e) {
    return { value: kept.value, at: kept.at, fresh: false, error: e };
  }
}

/**
 * The services that have a plugin now, each with `required`: { stageCode: [attribute names] },
 * learnt by asking the server to check an empty record at every stage (the plugins' rules are code,
 * not data; their REQUIRED answers are what the server will apply).
 */
export function catalogue() {
  return readThrough('catalogue', async () => {
    const services = (await graphql(CATALOGUE)).digitalServices.filter((s) => s.available);
    const probes = services.flatMap((s) => s.stages.map((st) => ({ service: s.code, stage: st.code })));
    const required = {};
    // Within the server's limit of aliases per request.
    for (let i = 0; i < probes.length; i += 20) {
      const chunk = probes.slice(i, i + 20);
      const query = 'query FieldRequired {' + chunk.map((p, j) => ` p${j}: checkServiceRecord(service: ${JSON.stringify(p.service)},`
        + ` stage: ${JSON.stringify(p.stage)}, attributes: []) { attribute code }`).join('') + ' }';
      const answer = await graphql(query);
      chunk.forEach((p, j) => {
        const names = (answer['p' + j] || []).filter((x) => x.code === 'REQUIRED' && x.attribute).map((x) => x.attribute);
        ((required[p.service] ||= {})[p.stage] = names);
      });
    }
    return services.map((s) => ({ ...s, required: required[s.code] || {} }));
  });
}

/**
 * The teams the user records for: a member's own teams (memberships not ended); an officer's (no
 * member) the active teams of her scope. Each { id, name, unit }.
 */
export function teams() {
  return readThrough('teams:' + session().subject, async () => {
    const me = session();
    const today = localDate();
    if (me.member) {
      const member = (await graphql(MY_TEAMS)).me.member;
      return (member ? member.memberships : []).filter((m) => !m.validTo || m.validTo > today).map((m) => m.team);
    }
    const result = [];
    for (const unit of me.scope.filter((u) => !u.validTo)) {
      result.push(...(await graphql(TEAMS, { under: unit.code })).teams.nodes);
    }
    return result;
  });
}

/** The members of a team today (for training attendance): [{ id, fullName }]. */
export function teamMembers(team) {
  return readThrough('members:' + team.id, async () => (await graphql(MEMBERS, { under: team.unit.code, team: team.id })).members.nodes);
}

/** The villages the user may record in: villages of her scope, and those of the communes of her scope. */
export function villages() {
  return readThrough('villages:' + session().subject, async () => {
    const list = [];
    for (const unit of session().scope.filter((u) => !u.validTo)) {
      if (unit.level === 'VILLAGE') {
        list.push({ code: unit.code, fullName: unit.fullName });
      } else if (unit.level === 'COMMUNE') {
        const u = (await graphql(VILLAGES, { code: unit.code })).unit;
        list.push(...(u ? u.children.nodes : []));
      }
    }
    return list;
  });
}

export function campaigns() {
  return readThrough('campaigns', async () => (await graphql(CAMPAIGNS, { on: localDate() })).campaigns.nodes);
}

/** Trainings of the last 90 days under the user's scope (for the officers who record attendance). */
export function trainings() {
  return readThrough('trainings:' + session().subject, async () => {
    const from = localDate(new Date(Date.now() - 90 * 86_400_000));
    const list = [];
    for (const unit of session().scope.filter((u) => !u.validTo)) {
      list.push(...(await graphql(TRAININGS, { under: unit.code, from })).trainings.nodes);
    }
    return list;
  });
}

/** The member's activities this month, her team's scorecard of the month, and her trainings. */
export function myWork(team) {
  const today = localDate();
  const monthStart = today.slice(0, 8) + '01';
  return readThrough('mywork:' + session().subject, async () => {
    const monday = new Date(today + 'T00:00:00');
    monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
    const week = localDate(monday);
    // From the earlier of the week's and the month's first day: a week can begin in the month before.
    const data = await graphql(MY_WORK, { under: team.unit.code, team: team.id, from: week < monthStart ? week : monthStart,
      to: today, week, period: today.slice(0, 7) });
    const memberId = session().member && session().member.id;
    return {
      month: today.slice(0, 7),
      activities: data.supportActivities.nodes.filter((a) => a.member && a.member.id === memberId)
        .map((a) => ({ occurredOn: a.occurredOn, people: a.people, service: a.service.code })),
      scorecard: data.teamScorecards.nodes.find((n) => n.team.id === team.id) || null,
      trainings: data.me.member ? data.me.member.trainings : [],
      // What the server holds as hers (records from any device), the week's and the month's.
      recorded: data.me.week && data.me.month ? { week: data.me.week, month: data.me.month } : null,
    };
  });
}
