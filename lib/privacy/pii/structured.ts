/**
 * Recognizers for identifiers with a fixed syntax: e-mail, URL, IPv6, IBAN, medical record
 * numbers and dates of birth. Each is anchored on a cheap trigger (an '@', '://', a ':' run, a
 * cue word) and reads a bounded span from there, so no input can make them backtrack.
 */
import { isIPv6 } from 'node:net';
import * as chars from './chars.js';
import { hasCue } from './context.js';
import { IBAN_LENGTHS, ibanValid } from './validators.js';
import { firstNameSet } from './gazetteer.js';
import type { Candidate } from './types.js';

// Bound once, so hot loops call plain functions.
const { isAsciiLetter, isDigit, isHex, isWordChar } = chars;

function isLocalChar(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
}
function isDomainChar(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c) || c === 46 || c === 45;
}

const ROLE_ACCOUNTS = new Set(['support', 'info', 'sales', 'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'admin',
  'help', 'helpdesk', 'contact', 'billing', 'team', 'office', 'hr', 'press', 'media', 'webmaster', 'postmaster', 'hostmaster',
  'abuse', 'security', 'privacy', 'legal', 'careers', 'jobs', 'hello', 'enquiries', 'inquiries', 'service', 'customerservice',
  'orders', 'accounts', 'accounting', 'marketing', 'news', 'newsletter', 'notifications', 'alerts', 'root', 'mailer-daemon',
  'facilities', 'operations', 'ops', 'it', 'procurement', 'purchasing', 'reception', 'frontdesk', 'front-desk', 'appointments', 'bookings', 'reservations', 'admissions', 'records', 'payroll', 'finance',
  // The same functions in German, French, Spanish, Italian, Dutch and Portuguese mailboxes.
  'praxis', 'kontakt', 'buero', 'büro', 'verwaltung', 'empfang', 'sekretariat', 'kanzlei', 'rezeption', 'bestellung', 'rechnung',
  'bureau', 'accueil', 'secretariat', 'commandes', 'contacto', 'oficina', 'ventas', 'recepcion', 'reservas', 'administracion',
  'ufficio', 'segreteria', 'informazioni', 'contatti', 'klantenservice', 'receptie', 'atendimento', 'contato',
  'refunds', 'returns', 'trust', 'safety', 'ap', 'ar', 'payments', 'invoices', 'invoice', 'claims', 'compliance', 'dpo', 'gdpr',
  'feedback', 'care', 'customercare', 'members', 'membership', 'registrar', 'events', 'partners', 'support-team', 'escalations',
  'dispatch', 'shipping', 'warehouse', 'pharmacy', 'lab', 'referrals', 'scheduling', 'intake', 'benefits', 'recruiting', 'talent',
  'ctax', 'stay', 'likwidacja', 'schaden', 'docketing', 'accounts.payable', 'accounts-payable', 'accountspayable', 'kundenservice', 'service-client',
  'disputes', 'fraud', 'collections', 'chargebacks', 'hiring', 'rentals', 'lettings', 'tenders', 'servicedesk', 'it-helpdesk',
  'oncall', 'on-call', 'sysadmin', 'sysadmins', 'noc', 'soc', 'devops', 'sre', 'readings', 'meter', 'welfare', 'safeguarding', 'alumni',
  'donations', 'fundraising', 'volunteers', 'committee', 'secretary', 'treasurer', 'chair', 'board', 'staff', 'all', 'everyone',
  'wires', 'logistics', 'mobility', 'relocation', 'travel', 'facilities-team', 'it-service', 'servicedesk',
  // Municipal, club and accounts mailboxes in German, Nordic, Dutch, Czech and Polish.
  'gemeinde', 'stadt', 'rathaus', 'jugend', 'vorstand', 'kasse', 'regnskap', 'regnskab', 'ekonomi', 'kundeservice', 'kundservice', 'post', 'postmottak',
  'gemeente', 'secretariaat', 'recepce', 'podatelna', 'sekretariat', 'recepcja', 'biuro', 'kancelaria']);
/** Mailboxes named for a function ("portalhelp", "it-support", "salesteam", "annualfund"). */
const ROLE_SUFFIX = /(?:help|support|desk|team|info|admin|billing|care|service|services|office|ops|noreply|alerts|fund|oncall)$/;

/**
 * A mailbox named for a function: a role word ("support@"), a role suffix ("portalhelp@"), or parts
 * of which one is a role and none a given name ("billing-oncall@", "hr-benefits@", "noc-alerts@";
 * not "anna.support@").
 */
function roleMailbox(local: string): boolean {
  if (ROLE_ACCOUNTS.has(local) || ROLE_SUFFIX.test(local)) return true;
  const parts = local.split(/[-_.+]/);
  if (parts.length < 2) return false;
  const firsts = firstNameSet();
  return parts.some((p) => ROLE_ACCOUNTS.has(p) || (p.length > 3 && ROLE_SUFFIX.test(p))) && !parts.some((p) => p.length > 2 && firsts.has(p));
}

export function scanEmails(text: string, out: Candidate[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) return;
    from = at + 1;
    let s = at;
    while (s > 0 && at - s < 65 && isLocalChar(text.charCodeAt(s - 1))) s--;
    if (s === at || at - s > 64) continue;
    while (text.charCodeAt(s) === 46) s++; // a local part cannot start with '.'
    let e = at + 1;
    while (e < text.length && e - at < 254 && isDomainChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    const domain = text.slice(at + 1, e);
    const dot = domain.lastIndexOf('.');
    if (dot <= 0 || s >= at) continue;
    const tld = domain.slice(dot + 1);
    if (!/^[A-Za-z]{2,24}$/.test(tld) || domain.includes('..')) continue;
    // Role accounts (support@, info@, noreply@) name a function, not a person: reported with a
    // score below the default threshold, so callers who want every address can lower minScore.
    const local = text.slice(s, at).toLowerCase();
    const score = roleMailbox(local) ? 0.4 : 1;
    out.push({ type: 'EMAIL_ADDRESS', start: s, end: e, text: text.slice(s, e), score });
    from = e;
  }
}

const URL_TRAIL = /[.,;:!?)\]'"]$/;

export function scanUrls(text: string, out: Candidate[]): void {
  const re = /\b(?:https?:\/\/|www\.)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const s = m.index;
    let e = s + m[0].length;
    while (e < text.length && e - s < 2048) {
      const c = text.charCodeAt(e);
      if (c <= 32 || c === 60 || c === 62 || c === 34 || c === 0x7f) break;
      e++;
    }
    while (e > s && URL_TRAIL.test(text[e - 1]!)) e--;
    if (e - s <= m[0].length + 2) continue;
    out.push({ type: 'URL', start: s, end: e, text: text.slice(s, e), score: 0.9 });
    re.lastIndex = e;
  }
}

/** IPv6: hex/colon runs with at least two colons, validated by node's own parser. */
export function scanIpv6(text: string, out: Candidate[]): void {
  let from = 0;
  const n = text.length;
  for (;;) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return;
    let s = colon;
    while (s > 0 && colon - s < 40 && (isHex(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 58)) s--;
    let e = colon;
    while (e < n && (isHex(text.charCodeAt(e)) || text.charCodeAt(e) === 58 || text.charCodeAt(e) === 46)) e++;
    from = e + 1;
    // Trailing '.' belongs to the sentence; a trailing ':' to a label.
    while (e > s && (text.charCodeAt(e - 1) === 46)) e--;
    if (e - s < 3 || e - s > 45) continue;
    if ((s > 0 && isWordChar(text.charCodeAt(s - 1))) || (e < n && isWordChar(text.charCodeAt(e)))) continue;
    const cand = text.slice(s, e);
    let colons = 0;
    for (let k = 0; k < cand.length; k++) if (cand.charCodeAt(k) === 58) colons++;
    if (colons < 2 || !/[0-9a-fA-F]/.test(cand)) continue;
    if (!isIPv6(cand)) continue;
    // "10:30:00" is a time, and isIPv6 rejects it; "::" alone is not an address of anybody.
    out.push({ type: 'IP_ADDRESS', start: s, end: e, text: cand, score: hasCue(text, s, 'IP_ADDRESS') ? 0.95 : 0.85 });
  }
}

export function scanIbans(text: string, out: Candidate[]): void {
  // Bounded repetition, distinct classes: each attempt costs at most ~70 steps.
  const re = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const cc = m[0].slice(0, 2);
    const len = IBAN_LENGTHS[cc];
    if (len === undefined) {
      re.lastIndex = m.index + 2;
      continue;
    }
    // Walk the match keeping `len` alphanumerics.
    let count = 0;
    let e = m.index;
    const limit = m.index + m[0].length;
    while (e < limit && count < len) {
      if (text[e] !== ' ') count++;
      e++;
    }
    if (count !== len || (e < text.length && isWordChar(text.charCodeAt(e)))) {
      re.lastIndex = m.index + 2;
      continue;
    }
    const raw = text.slice(m.index, e);
    if (ibanValid(raw.replace(/ /g, ''))) {
      out.push({ type: 'IBAN_CODE', start: m.index, end: e, text: raw, score: hasCue(text, m.index, 'IBAN_CODE') ? 1 : 0.95 });
      re.lastIndex = e;
    } else {
      re.lastIndex = m.index + 2;
    }
  }
}

/** Medical record numbers have no checksum; they are found by their label. */
// Hospital identifiers by their labels in US, UK (NHS number, hospital number), Indian (UHID),
// Australian (UR number, "UR:") and Scottish (CHI) records, and provincial health cards (OHIP, PHN).
const MRN_CUE = new RegExp(String.raw`\b(?:MRN(?: [a-z]+){1,4}(?= (?:is|was) )|MRN|medical record(?: number| no\.?| #)?|med\.? rec\.?(?: no\.?| #)?|patient (?:id|number|no\.?)|chart (?:no\.?|number|#)|NHS (?:no\.?|number|#)|UHID|NHI|URN|hospital (?:no\.?|number|id)|hosp\.? no\.?|CHI (?:no\.?|number)|UR (?:no\.?|number)|UR(?=\s*[:#]|\s+\d)|CHI(?=\s*[:#]|\s+(?:is\s+)?\d)|NHS(?=\s*[:#]?\s*\d{3} ?\d{3} ?\d{4})|OHIP|PHN|RAMQ|ULI|patient #|IPP|Pat\.?-ID|Patienten-ID|cod\. paziente|codice paziente|health card(?: no\.?| number| #)?|Medicare(?: card)?(?: no\.?| number| #)?|` +
    String.raw`patientennummer|patienten-?nr\.?|Pat\.?-?Nr\.?|NHC|historia cl[ií]nica|n[º°] (?:de )?historia(?: cl[ií]nica)?|num[ée]ro (?:de )?patient|cartella clinica|n\. cartella|numero (?:di )?cartella|pati[ëe]ntnummer|` +
    // US "Hospital #", "MR#"; Nordic journal numbers; Polish patient cards; French files; Portuguese process numbers.
    String.raw`hospital #|hosp\.? #|MR ?#|MR (?:no\.?|number)|journal-?nr\.?|journalnummer|pasientnr\.?|pasientnummer|potilasnumero|(?:č\. )?chorobopisu|nr księgi głównej|kartei-?nr\.?|n\. nosologico|n[úu]m\. hist[òo]ria cl[íi]nica|hist[òo]ria cl[íi]nica|n\.?º sns|n[º°] (?:de )?utente|nr karty(?: pacjenta)?|nr historii choroby|(?:n[º°o]\.? ?)?dossier (?:patient|m[ée]dical)|n\.?[º°] ?(?:de )?processo(?: cl[ií]nico)?)\s*(?:no\.?|number|#)?\s*(?:\([^)\n]{1,24}\)\s*)?[:#]?\s*(?:,?\s*(?:is|was|it['’]s)\s+)?`, 'gi');

export function scanMrns(text: string, out: Candidate[]): void {
  const cue = MRN_CUE;
  cue.lastIndex = 0;
  // NHS/CHI numbers are written 3-3-4 with spaces ("485 777 3456"); Ontario health cards end in a
  // two-letter version code ("5584-203-117-KT").
  // Australian Medicare numbers are 4-5-1 with an optional position digit ("2123 45670 1"); New
  // Zealand NHIs are three letters and four digits, or (since 2022) "ZZZ00AA".
  // (Quebec: "BOUG 4207 1518"; British Columbia PHN: "9876 543 217"; prefixed "MC-PH-201188"; with
  // slashes, as Italian and Polish charts write them: "2024/DER/06617", "K/2291/2015"; in three or four
  // spaced groups, "11 884 203", "0061 2987 44".)
  const idRe = /\d{3} \d{3} \d{4}(?:[- ][A-Z]{2}(?![\p{L}\d]))?|[A-Z]{4} ?\d{4} ?\d{4}(?!\d)|\d{4} \d{3} \d{3}(?!\d)|\d{4} \d{5} \d(?:[ /-]\d)?(?!\d)|[A-Z]{3}\d{2}[A-Z]{2}(?![\p{L}\d])|(?:(?:[A-Z]{1,4}-){1,2}|[A-Z]{0,4})\d[\d-]{3,14}\d(?:-[A-Z]{2}(?![\p{L}\d]))?|\d{2,4}(?: \d{2,4}){2,3}(?![\p{L}\d])|[A-Z]{0,4}\d{4,16}(?!\/)|(?:[A-Z]{1,4}|\d{2,6})(?:\/(?:[A-Z]{2,4}|\d{2,8})){1,3}(?![\p{L}\d])/uy;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    // "ur number" in lower case is chat for "your number"; "tai chi 3x" is no label.
    if (m[0].startsWith('ur') || m[0].startsWith('chi') || m[0].startsWith('nhs')) continue;
    idRe.lastIndex = m.index + m[0].length;
    const id = idRe.exec(text);
    if (!id) continue;
    const e = id.index + id[0].length;
    if (e < text.length && isWordChar(text.charCodeAt(e))) continue;
    // "MRN00731842": a label glued to its digits is part of the number as written.
    const glued = id.index === m.index + m[0].length && /[A-Za-z]$/.test(m[0]);
    const s = glued ? m.index : id.index;
    out.push({ type: 'MEDICAL_RECORD_NUMBER', start: s, end: e, text: text.slice(s, e), score: 0.95 });
    cue.lastIndex = e;
  }
}

const MONTHS = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?' +
  // Month names of French, German, Spanish, Italian, Portuguese, Dutch, Turkish, Nordic and Polish records.
  '|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre' +
  '|januar|februar|märz|maerz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre' +
  '|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março' +
  '|maio|junho|julho|setembro|outubro|dezembro|januari|februari|maart|mei|augustus|ocak|şubat|mart|nisan|mayıs|haziran|temmuz' +
  '|ağustos|eylül|ekim|kasım|aralık' +
  // Danish, Swedish and Polish (genitive, as dates write them).
  '|marts|maj|augusti|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)';
/** Numeric and month-name date forms; anchored (sticky) where the cue ends. */
const DATE_RE = new RegExp(
  [
    '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})',
    // Czech and Slovak dates keep a space after each dot: "14. 5. 1967".
    '\\d{1,2}\\. \\d{1,2}\\. \\d{4}',
    '\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}',
    `${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
    `\\d{1,2}(?:st|nd|rd|th|er|\\.)? (?:de )?${MONTHS}\\.?,? (?:de )?\\d{4}`,
    // "22-Aug-1990", "02/Mar/67", "4.Sep.1953": day, month name, year glued by one separator.
    `\\d{1,2}([-/.])${MONTHS}\\1(?:\\d{4}|\\d{2})`,
  ].join('|'),
  'iy',
);

export function scanDatesOfBirth(text: string, out: Candidate[]): void {
  // English cues, and the same in German, French, Spanish, Italian and Portuguese records.
  const cue = /\b(?:DOB|D\.O\.B\.?|date of birth|birth ?date|born(?: on)?|birthday|geb\.|geboren(?: am| op)?|n[ée]e? à [^\n,.;]{1,40}? le|née?(?: le)?|date de naissance|fecha de nacimiento|f\. ?nac\.|nacid[oa](?: el)?|data di nascita|nat[oa] il|data de nascimento|nascid[oa] em|geburtsdatum(?: ?\/ ?-?ort)?|geboortedatum|geboren op|data urodzenia|f[øo]dselsdato|f[öo]delsedatum|f[øo]dt(?: den)?|född(?: den)?|f\.(?= ?\d)|geb\.-?datum|data de naixement|nascud[ao](?: el)?|s\.(?= \d{1,2}\.\d{1,2}\.\d{4})|ur\.|urodzon[ya](?: dnia)?|nar\.|narozen[áa]?|datum narozen[íi]|syntym[äa]aika|nat[oa] a [^\n,.;]{1,30}? il)(?=[\s:#,(|"])[\s:#,|"]*(?:\((?:[YMDAJT]{1,4}[-/. ]?){3}\)[\s:|]*)?[\s:#,(|"]*(?:as per [a-z]{2,12}\s*:\s*|(?:is|was|as|of|on|listed as|given as|recorded as)\s+)?/gi;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    DATE_RE.lastIndex = m.index + m[0].length;
    const d = DATE_RE.exec(text);
    if (!d) continue;
    const e = d.index + d[0].length;
    if (e < text.length && isWordChar(text.charCodeAt(e))) continue;
    if (!plausibleDate(d[0])) continue;
    out.push({ type: 'DATE_OF_BIRTH', start: d.index, end: e, text: d[0], score: 0.95 });
    cue.lastIndex = e;
  }
}

function plausibleDate(s: string): boolean {
  const nums = s.match(/\d+/g)?.map(Number) ?? [];
  if (nums.length === 3) {
    const [x, y] = nums as [number, number, number];
    if (String(nums[0]).length === 4 || s.startsWith(String(nums[0]).padStart(4, '0'))) return y >= 1 && y <= 12 && nums[2]! >= 1 && nums[2]! <= 31;
    // US month/day or European day/month: one of the two must be a month.
    return x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12);
  }
  return nums.length >= 2 && nums[0]! >= 1 && nums[0]! <= 31;
}

/** Separator between a name and a date right after it: "Gideon Asare (19-Feb-1961)", "Okafor, Chinedu, 02/11/1977". */
const AFTER_NAME_RE = /(?: ?\(|, | - | – | — )/y;
const THIS_YEAR = new Date().getUTCFullYear();

/**
 * A full date written right after a person's name, in parentheses or as the next comma field, is
 * the person's date of birth in records and rosters; it is taken only when its year is at least
 * twelve years back (a recent date next to a name is more often a visit or a signature date), and
 * never on a signature line.
 */
export function scanDatesAfterNames(text: string, persons: readonly Candidate[], out: Candidate[]): void {
  for (const p of persons) {
    AFTER_NAME_RE.lastIndex = p.end;
    const sep = AFTER_NAME_RE.exec(text);
    if (sep === null) continue;
    const s = p.end + sep[0].length;
    DATE_RE.lastIndex = s;
    const d = DATE_RE.exec(text);
    if (d === null) continue;
    const e = s + d[0].length;
    const next = text[e];
    const paren = sep[0].includes('(');
    if (paren ? next !== ')' : !(next === undefined || next === ',' || next === ')' || next === '\n' || next === ';' || next === ' ')) continue;
    const year = yearOf(d[0]);
    if (year === undefined || year < 1900 || year > THIS_YEAR - 12 || !plausibleDate(d[0])) continue;
    // A signature line's date is the signing date ("Signed: K. M. Jensen, 03.01.2014").
    const lineStart = text.lastIndexOf('\n', p.start) + 1;
    if (/\b(?:signed|signature|sig|date[d]?)\b/i.test(text.slice(Math.max(lineStart, p.start - 24), p.start))) continue;
    out.push({ type: 'DATE_OF_BIRTH', start: s, end: e, text: d[0], score: 0.75 });
  }
}

/** The four-digit year of a date string, or a two-digit one read as 19xx/20xx. */
function yearOf(s: string): number | undefined {
  const four = /(?:^|\D)(\d{4})(?:\D|$)/.exec(s);
  if (four !== null) return Number(four[1]);
  const two = /(\d{2})$/.exec(s);
  if (two === null) return undefined;
  const y = Number(two[1]);
  return y + (y > THIS_YEAR - 2000 ? 1900 : 2000);
}
