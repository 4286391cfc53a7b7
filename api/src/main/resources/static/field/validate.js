/**
 * The checks the server applies that can be known offline, so that a member learns of a mistake on
 * the doorstep rather than hours later: the citizen ID's format (core's CitizenId: 12 digits, a
 * province's birth-registration code, a birth year not in the future and agreeing with the one
 * given, the sex agreeing with the fourth digit), the stages of the service, the attributes the
 * service requires at the stage (learnt from the server's checkServiceRecord when online), and the
 * limits of the support activity's input. Each problem is { field, code } with the server's codes.
 */

// The 63 provinces' birth-registration codes (Circular 59/2021/TT-BCA), as core's CitizenId lists them.
const PROVINCE_CODES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
  46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
  93, 94, 95, 96].map((c) => String(c).padStart(3, '0')));

/** The digits of a citizen ID as typed (spaces and dots ignored, as the server does). */
export function citizenDigits(text) {
  return String(text || '').replace(/[\s.]/g, '');
}

/** Century from the fourth digit (0–1: 1900s, 2–3: 2000s, …), year from the fifth and sixth. */
function birthYearOf(digits) {
  return 1900 + Math.floor(Number(digits[3]) / 2) * 100 + Number(digits.slice(4, 6));
}

function sexOf(digits) {
  return Number(digits[3]) % 2 === 0 ? 'MALE' : 'FEMALE';
}

export function checkCitizenId(problems, text, birthYear, sex, currentYear) {
  const digits = citizenDigits(text);
  if (!/^\d{12}$/.test(digits)) {
    problems.push({ field: 'citizenId', code: 'NOT_12_DIGITS' });
    return;
  }
  if (!PROVINCE_CODES.has(digits.slice(0, 3))) {
    problems.push({ field: 'citizenId', code: 'UNKNOWN_PROVINCE_CODE' });
    return;
  }
  if (birthYearOf(digits) > currentYear) {
    problems.push({ field: 'citizenId', code: 'BIRTH_YEAR_IN_FUTURE' });
    return;
  }
  if (birthYear !== null && birthYear !== undefined && birthYear !== birthYearOf(digits)) {
    problems.push({ field: 'birthYear', code: 'DOES_NOT_MATCH_CITIZEN_ID' });
  }
  if (sex && sex !== sexOf(digits)) {
    problems.push({ field: 'sex', code: 'DOES_NOT_MATCH_CITIZEN_ID' });
  }
}

/** The record of a resident helped: { citizenId, birthYear, sex, village, service, stage, attributes, occurredOn }. */
export function checkAdoption(input, catalogue, villages, today) {
  const problems = [];
  checkCitizenId(problems, input.citizenId, input.birthYear, input.sex, Number(today.slice(0, 4)));
  if (input.birthYear !== null && input.birthYear !== undefined && (!Number.isInteger(input.birthYear) || input.birthYear < 1900)) {
    problems.push({ field: 'birthYear', code: 'INVALID' });
  }
  checkCommon(problems, input, catalogue, villages, today, 'village');
  // As the server (AdoptionRules.EARLIEST): records of adoption start in 2000.
  if (input.occurredOn && input.occurredOn < '2000-01-01') {
    problems.push({ field: 'occurredOn', code: 'TOO_EARLY' });
  }
  const service = catalogue.find((s) => s.code === input.service);
  if (service) {
    const known = new Set(service.attributes.filter((a) => !a.stage || a.stage === input.stage).map((a) => a.name));
    for (const name of (service.required || {})[input.stage] || []) {
      if (!input.attributes || !String(input.attributes[name] || '').trim()) {
        problems.push({ field: 'attributes.' + name, code: 'REQUIRED' });
      }
    }
    for (const [name, value] of Object.entries(input.attributes || {})) {
      if (String(value).trim() && !known.has(name)) {
        problems.push({ field: 'attributes.' + name, code: 'NOT_ALLOWED' });
      }
      // The server's rule (AdoptionRules): 0 to 500 characters, no control characters.
      if (String(value).length > 500 || /[\u0000-\u001f\u007f]/.test(String(value))) {
        problems.push({ field: 'attributes.' + name, code: 'INVALID_VALUE' });
      }
    }
  }
  return problems;
}

/** A support activity: { service, stage, village (unit), occurredOn, people, placeKind, channel, placeName, note }. */
export function checkActivity(input, catalogue, villages, today) {
  const problems = [];
  checkCommon(problems, input, catalogue, villages, today, 'unit');
  if (!Number.isInteger(input.people) || input.people < 1) {
    problems.push({ field: 'people', code: 'TOO_FEW' });
  } else if (input.people > 100000) {
    problems.push({ field: 'people', code: 'TOO_MANY' });
  }
  if (!input.placeKind) {
    problems.push({ field: 'placeKind', code: 'REQUIRED' });
  }
  if (!input.channel) {
    problems.push({ field: 'channel', code: 'REQUIRED' });
  }
  if (input.placeName && input.placeName.length > 200) {
    problems.push({ field: 'placeName', code: 'TOO_LONG' });
  }
  if (input.note && input.note.length > 1000) {
    problems.push({ field: 'note', code: 'TOO_LONG' });
  }
  return problems;
}

function checkCommon(problems, input, catalogue, villages, today, villageField) {
  const service = catalogue.find((s) => s.code === input.service);
  if (!input.service) {
    problems.push({ field: 'service', code: 'REQUIRED' });
  } else if (!service) {
    problems.push({ field: 'service', code: 'UNKNOWN_SERVICE' });
  }
  if (!input.stage) {
    problems.push({ field: 'stage', code: 'REQUIRED' });
  } else if (service && !service.stages.some((s) => s.code === input.stage)) {
    problems.push({ field: 'stage', code: 'UNKNOWN_STAGE' });
  }
  const place = input[villageField];
  if (!place) {
    problems.push({ field: villageField, code: 'REQUIRED' });
  } else if (villages.length && !villages.some((v) => v.code === place)) {
    problems.push({ field: villageField, code: 'OUTSIDE_SCOPE' });
  }
  if (!input.occurredOn) {
    problems.push({ field: 'occurredOn', code: 'REQUIRED' });
  } else if (input.occurredOn > today) {
    problems.push({ field: 'occurredOn', code: 'IN_FUTURE' });
  }
}
