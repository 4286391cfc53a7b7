/**
 * The GraphQL the officials' app asks, in one place: every view reads through these functions, so
 * the app is also a catalogue of how a client uses the public API. Answers are kept for a minute
 * (figures change slowly; the server limits expensive queries per minute), and forgotten on sign-in
 * and sign-out, because what one may see depends on who asks.
 */
import { graphql } from '/shared/client.js';
import { onSessionChange } from '/shared/auth.js';

const TTL = 60_000;
const cache = new Map();

onSessionChange(() => cache.clear());

const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE'];
const ORDERS = ['CODE', 'RATE_DESC', 'RATE_ASC', 'GAP_DESC'];

/** An enum value written into a document: only one of the schema's values, never free text. */
function enumValue(value, allowed) {
  if (!allowed.includes(value)) {
    throw new Error('not one of ' + allowed.join(', ') + ': ' + value);
  }
  return value;
}

function cached(key, fn, ttl = TTL) {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttl) {
    return hit.promise;
  }
  const promise = fn();
  cache.set(key, { at: Date.now(), promise });
  promise.catch(() => cache.delete(key)); // a failure is not remembered
  return promise;
}

/** Forgets every kept answer (after an import, say). */
export function forget() {
  cache.clear();
}

const RATE = `unit { code fullName level } adopters newAdopters eligible populationYear rate target targetDueOn
  gapToTarget adoptersToTarget rank suppressed stage period { label from to } asOf`;

/** Every digital service, with names in both languages, stages and attributes. */
export function services() {
  return cached('services', async () => (await graphql(`{ digitalServices {
      code available nameVi: name(lang: VI) nameEn: name(lang: EN)
      adoptedStage { code nameVi: name(lang: VI) nameEn: name(lang: EN) }
      stages { code order nameVi: name(lang: VI) nameEn: name(lang: EN) }
      attributes { name stage labelVi: label(lang: VI) labelEn: label(lang: EN) } } }`)).digitalServices, 600_000);
}

/** A unit on a date (default today), with its parents and the level of its children. */
export function unit(code, asOf) {
  return cached(`unit:${code}:${asOf || ''}`, async () => (await graphql(`query($code: String!, $asOf: Date) {
      unit(code: $code, asOf: $asOf) { id code name kind fullName level validFrom validTo asOf
        parent { code fullName level }
        ancestors { id code fullName level }
        children(first: 1) { totalCount nodes { level } } } }`, { code, asOf: asOf || null })).unit);
}

/** A unit's history: the changes that made it and ended it. */
export function history(code, asOf) {
  return cached(`history:${code}:${asOf || ''}`, async () => (await graphql(`query($code: String!, $asOf: Date) {
      unit(code: $code, asOf: $asOf) {
        predecessors { type effectiveDate share legalBasis unit { code fullName validFrom validTo } }
        successors { type effectiveDate share legalBasis unit { code fullName validFrom validTo } } } }`,
  { code, asOf: asOf || null })).unit);
}

/** The provinces of today's map (the public's starting points). */
export function provinces() {
  return cached('provinces', async () => (await graphql(`{ units(level: PROVINCE, first: 100) { nodes { id code fullName level validTo } } }`))
    .units.nodes, 600_000);
}

/**
 * The level of a unit from its code, as the schema writes codes: a province 2 digits, a district 3,
 * a commune 5, a village "<commune code>.<nn>". Lets a view ask for figures before the unit itself
 * has been read.
 */
export function levelOf(code) {
  if (code.includes('.')) return 'VILLAGE';
  return { 2: 'PROVINCE', 3: 'DISTRICT', 5: 'COMMUNE' }[code.length] || 'COMMUNE';
}

/**
 * The unit's own figures for every service, and its teams' coverage: one request each, sent
 * together, so that the server answers them side by side and each tile can be drawn as soon as its
 * answer is in (onRate(index, rate)).
 */
export async function overview(code, level, serviceCodes, period, onRate = () => {}) {
  const covered = level === 'PROVINCE' || level === 'COMMUNE';
  const [rateLists, cover] = await Promise.all([
    Promise.all(serviceCodes.map((service, i) => rates({ under: code, groupBy: level, service, period }).then((list) => {
      onRate(i, list[0] || null);
      return list;
    }))),
    covered ? coverage(code) : Promise.resolve(null),
  ]);
  return { rates: rateLists.map((list) => list[0] || null), coverage: cover };
}

/** Rates of the units of a level under a unit, on the map of asOf (default today). */
export function rates({ under, groupBy, service, period, asOf, orderBy = 'CODE' }) {
  const vars = { under, service, period, asOf: asOf || null };
  return cached(`rates:${JSON.stringify(vars)}:${groupBy}:${orderBy}`, async () => (await graphql(`query Rates($under: String!,
      $service: String!, $period: String, $asOf: Date) {
      adoptionRates(under: $under, groupBy: ${enumValue(groupBy, LEVELS)}, service: $service, period: $period,
                    asOf: $asOf, orderBy: ${enumValue(orderBy, ORDERS)}) { ${RATE} } }`, vars)).adoptionRates);
}

/** One unit over time: monthly points from..to, on the map of asOf (default today). */
export function trend({ code, service, from, to, asOf }) {
  const vars = { code, service, from, to, asOf: asOf || null };
  return cached(`trend:${JSON.stringify(vars)}`, async () => (await graphql(`query Trend($code: String!, $service: String!,
      $from: Date!, $to: Date!, $asOf: Date) {
      adoptionTrend(code: $code, service: $service, from: $from, to: $to, interval: MONTH, asOf: $asOf) {
        period { label from to } adopters newAdopters eligible rate target gapToTarget suppressed } }`, vars)).adoptionTrend);
}

/** Teams' coverage of a province or commune (public). */
export function coverage(code, asOf) {
  return cached(`coverage:${code}:${asOf || ''}`, async () => (await graphql(`query($code: String!, $asOf: Date) {
      coverage(code: $code, asOf: $asOf) { teams members communes communesWithTeam villages villagesWithTeam } }`,
  { code, asOf: asOf || null })).coverage);
}

/** A page of team scorecards (signed-in users, in their scope). */
export function scorecards({ under, period, flaggedOnly, after }) {
  const vars = { under, period, flaggedOnly: !!flaggedOnly, after: after || null };
  return cached(`scorecards:${JSON.stringify(vars)}`, async () => (await graphql(`query Scorecards($under: String!, $period: String,
      $flaggedOnly: Boolean, $after: String) {
      teamScorecards(under: $under, period: $period, flaggedOnly: $flaggedOnly, first: 100, after: $after) {
        totalCount flaggedCount pageInfo { hasNextPage endCursor }
        nodes { team { id name level status } area { code fullName } members activeMembers activeMemberShare
          supportActivities activitiesPerMemberPerMonth residentsHelped adoptionsRecorded trainedMembers trainedMemberShare
          growthVsProvince areaGrowthPerThousand provinceGrowthPerThousand flagged
          flags { code message messageVi value threshold } } } }`, vars)).teamScorecards);
}

/** Units matching a search on a date (forgiving diacritics and tone placement). */
export function search({ q, asOf, level }) {
  return graphql(`query Search($q: String!, $asOf: Date${level ? ', $level: UnitLevel' : ''}) {
      units(search: $q, asOf: $asOf, first: 30${level ? ', level: $level' : ''}) { totalCount
        nodes { code fullName level validFrom validTo ancestors { fullName level } } } }`,
  level ? { q, asOf: asOf || null, level } : { q, asOf: asOf || null }).then((d) => d.units);
}

/** An import job as it runs (managers). */
export function importJob(id) {
  return graphql(`query Job($id: ID!) { importJob(id: $id) { id kind fileName state fractionDone rowsDone rowsAccepted
      rowsRejected rowsPerSecond etaSeconds failure startedAt finishedAt rejectionReportUrl
      rejections(first: 20) { line column code reason } } }`, { id }).then((d) => d.importJob);
}
