// @open06/kernel — pure code shared by the server and the web app. Administrative units are a
// separate entry point (`@open06/kernel/admin-units`) because they load data files.
export { displayName, fold, jaroWinkler, nameSimilarity, nfc, sameName, splitFullName, stripDiacritics, TELEX_LEFTOVERS } from './text/vietnamese.ts';
export type { NameParts } from './text/vietnamese.ts';
export { checkPersonalIdConsistency, isOldCmnd, legacyProvinceName, makePersonalId, parsePersonalId } from './personal-id/personal-id.ts';
export type { Message, ParsedPersonalId, PidProblem, Sex } from './personal-id/personal-id.ts';
export { ageOn, comparePartial, daysInMonth, earliest, formatVi, isAfter, latest, parsePartialDate, toIsoPartial } from './dates/partial-date.ts';
export type { ParseDateResult, PartialDate } from './dates/partial-date.ts';
export { endOfVnDay, startOfVnDay, vnDay } from './dates/vietnam-time.ts';
export { notificationDeadline } from './residence/lodging-deadline.ts';
export { maskEmail, maskPhone, toE164Vn } from './contact/phone.ts';
