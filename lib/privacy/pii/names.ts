/**
 * PERSON recognizer. Names have no syntax, so the evidence is combined:
 *  - titles (Dr., Ms., Judge) and cue words (Patient:, Dear, Signed, Plaintiff, sign-offs);
 *  - gazetteers: @stdlib English first names plus common surnames;
 *  - shape: runs of capitalised tokens (or ALL-CAPS in legal captions), initials, particles;
 *  - vetoes: organisation/place words ("Hospital", "Street") and common capitalised words;
 *  - document-level consistency: once "Sarah Chen" is found, a later "Chen" is her too.
 * Tokens come from one bounded regex pass; each run is at most MAX_RUN tokens.
 */
import { dictionarySet, firstNameSet, SURNAMES } from './gazetteer.js';
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate } from './types.js';

const MAX_RUN = 5;

/** word -> bit 1 given name, bit 2 surname (bounded; cleared when full). */
const WORD_FLAGS = new Map<string, number>();

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev', 'reverend', 'fr',
  'judge', 'justice', 'hon', 'sen', 'senator', 'rep', 'gov', 'officer', 'det', 'detective', 'sgt', 'sergeant', 'capt', 'captain',
  'lt', 'col', 'gen', 'nurse', 'attorney', 'atty', 'pastor', 'rabbi', 'imam', 'dean', 'coach', 'agent', 'madam', 'mister', 'mme', 'mlle', 'herr', 'frau']);

/** Words before a name that say "a person's name follows". Lowercased, without trailing punctuation. */
const CUE_BEFORE = new Set(['patient', 'pt', 'name', 'dear', 'hi', 'hello', 'hey', 'signed', 'by', 'counsel', 'contact', 'customer',
  'client', 'plaintiff', 'plaintiffs', 'defendant', 'defendants', 'petitioner', 'respondent', 'appellant', 'appellee', 'executor',
  'executrix', 'witness', 'daughter', 'son', 'wife', 'husband', 'spouse', 'mother', 'father', 'sister', 'brother', 'partner',
  'guardian', 'holder', 'cardholder', 'prescriber', 'from', 'to', 'attn', 'attention', 'cc', 'bcc', 'employee', 'applicant', 'tenant', 'landlord', 'borrower',
  'member', 'user', 'student', 'resident', 'caller', 'requester', 'reporter', 'author', 'reviewer', 'physician', 'provider',
  'surgeon', 'pcp', 'clinician', 'therapist', 'pharmacist', 'accompanied', 'visited', 'thanks', 'thank', 'regards', 'sincerely',
  'cheers', 'best', 'estate', 'mrs', 'beneficiary', 'insured', 'subscriber', 'owner', 'buyer', 'seller', 'driver', 'passenger',
  'guest', 'traveler', 'traveller', 'recipient', 'sender', 'agent', 'rep', 'representative', 'manager', 'supervisor', 'nurse']);

/** What follows a person's name: birth/age details, credentials, a role in a caption. */
const CUE_AFTER = new RegExp(
  [
    String.raw`^\s*[,(]\s*(?:born|b\.|dob|d\.o\.b|aged?|mrn|\d{1,3}[- ]?(?:y\/?o|yo|years?[- ]old|year-old)|a \d{1,3}[- ]year[- ]old|esq|md|m\.d|do|rn|np|pa-c|phd|ph\.d|jd|cpa|dds|dmd|pharmd|lcsw|mba|plaintiff|defendant|petitioner|respondent|appellant|appellee|deceased|the (?:patient|plaintiff|defendant|claimant|applicant|tenant|borrower))\b`,
    String.raw`^\s+(?:is|was) a \d{1,3}[- ]year[- ]old`,
    String.raw`^\s+(?:said|says|wrote|writes|reported|reports|called|emailed|stated|told|asked|noted)\b`,
  ].join('|'),
  'i',
);

/** "Halvorsen & Pike LLP": a surname inside a firm name. */
const ORG_TAIL = /^(?:\s*(?:&|and)\s+\p{Lu}|(?:\s+\p{Lu}[\p{L}'-]*){0,2},?\s+(?:LLP|LLC|Inc|Ltd|PC|PLLC|GmbH|Corp|Co\.|Group|Associates|Partners)\b)/u;

/** Header words that are cues only when followed by a colon (e-mail and memo headers). */
const HEADER_CUES = new Set(['from', 'to', 'cc', 'bcc', 'attn', 'attention', 'name', 're']);

/** "my name is kayla rhodes": self-introductions, where names are often typed in lower case. */
function scanSelfIntroductions(text: string, isFirst: (w: string) => boolean, out: Candidate[]): void {
  const cue = /\b(?:my name is|my name's|i am|i'm|this is|name is)\s+/gi;
  const words = /([\p{L}'’-]{2,30})(?: ([\p{L}'’-]{2,30}))?(?: ([\p{L}'’-]{2,30}))?/uy;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    words.lastIndex = m.index + m[0].length;
    const w = words.exec(text);
    if (!w || !isFirst(w[1]!.toLowerCase()) || COMMON_WORDS.has(w[1]!.toLowerCase()) || AMBIGUOUS_FIRST.has(w[1]!.toLowerCase())) continue;
    let end = w.index + w[1]!.length;
    for (const extra of [w[2], w[3]]) {
      if (extra === undefined || COMMON_WORDS.has(extra.toLowerCase()) || /^(?:and|from|with|at|here|calling|writing|again)$/i.test(extra)) break;
      end = text.indexOf(extra, end) + extra.length;
    }
    out.push({ type: 'PERSON', start: w.index, end, text: text.slice(w.index, end), score: 0.85 });
  }
}

/** "Name: VASQUEZ, ELENA": last-name-first forms after a name label. */
function scanLastFirst(text: string, out: Candidate[]): void {
  // Also e-mail display names: From: "Nakamura, Ren" <ren@...>.
  const cue = /\b(?:name|patient|pt|customer|client|employee|member|insured|subscriber|guarantor|from|to|cc|reply-to)\s*[:#]\s*"?/gi;
  const lf = /\p{Lu}[\p{L}'’-]{1,30}, \p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}\.?)?(?![\p{L}])/uy;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text)) !== null) {
    lf.lastIndex = m.index + m[0].length;
    const r = lf.exec(text);
    if (!r) continue;
    out.push({ type: 'PERSON', start: r.index, end: r.index + r[0].length, text: r[0], score: 0.9 });
  }
}

/** Sign-offs: the next line that is a short capitalised run is the writer's name. */
const SIGNOFF = /(?:^|\n)[ \t]*(?:thanks|thank you|thanks again|many thanks|with thanks|best|best regards|best wishes|kind regards|warm regards|warmest regards|warm wishes|warmly|regards|sincerely|yours truly|yours sincerely|sincerely yours|cheers|respectfully|cordially|all the best|take care|see you|--|—|-)[ \t]*[,!.]?[ \t]*\r?\n[ \t]*$/i;

/** A run containing one of these names an organisation, place, event or document, not a person. */
const ORG_WORDS = new Set(['hospital', 'clinic', 'center', 'centre', 'medical', 'health', 'healthcare', 'university', 'college',
  'school', 'institute', 'academy', 'inc', 'llc', 'ltd', 'corp', 'corporation', 'company', 'co', 'group', 'bank', 'trust',
  'foundation', 'association', 'society', 'council', 'committee', 'department', 'dept', 'agency', 'bureau', 'office', 'court',
  'county', 'city', 'state', 'district', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'drive', 'lane',
  'way', 'terrace', 'place', 'plaza', 'park', 'square', 'bridge', 'river', 'lake', 'mountain', 'beach', 'island', 'valley',
  'conference', 'summit', 'week', 'day', 'festival', 'award', 'prize', 'act', 'law', 'bill', 'fund', 'books', 'press', 'news',
  'times', 'post', 'journal', 'review', 'store', 'shop', 'market', 'mall', 'restaurant', 'cafe', 'hotel', 'airport', 'station', 'church',
  'cathedral', 'temple', 'mosque', 'museum', 'library', 'gallery', 'theater', 'theatre', 'stadium', 'arena', 'hall', 'building',
  'tower', 'labs', 'laboratories', 'pharmaceuticals', 'systems', 'technologies', 'solutions', 'services', 'partners', 'holdings',
  'traders', 'industries', 'international', 'global', 'national', 'federal', 'united', 'states', 'america', 'american', 'sale',
  'safety', 'appeals', 'supreme', 'circuit', 'tech', 'energy', 'airlines', 'motors', 'foods', 'media', 'network', 'project',
  'program', 'team', 'unit', 'ward', 'wing', 'floor', 'suite', 'room', 'building', 'division', 'syndrome', 'disease', 'test',
  'scale', 'index', 'score', 'method', 'protocol', 'trial', 'study', 'cohort', 'corporation', 'globex', 'initech', 'hooli', 'northwind']);

/**
 * Capitalised words that are not names in running text (sentence starters, headers, roles, days,
 * months, clinical and legal vocabulary). A run is trimmed of these at both ends.
 */
const COMMON_WORDS = new Set(
  ('the a an and or but if then so of in on at to for from by with without about as is are was were be been being it its this that these those there ' +
  'he she they we you i me my your our their his her him them us who whom whose which what when where why how all any each every some no not ' +
  'please thanks thank regards best sincerely cheers dear hi hello hey yes ok okay note notes plan assessment history hpi exam impression ' +
  'patient pt name address phone tel mobile cell fax email e-mail dob mrn ssn id date time subject re fw fwd cc bcc attn signed seen follow ' +
  'follow-up discharge summary admitted admission diagnosis diagnoses medications meds allergies vitals labs lab results result imaging report ' +
  'emergency contact current past family social review systems physical general internal medicine cardiology oncology neurology radiology ' +
  'pediatrics surgery nursing pharmacy hr it qa ceo cfo cto vp md do rn np pa phd esq jr sr ii iii iv llc inc ' +
  'plaintiff plaintiffs defendant defendants counsel court case docket exhibit dated see section article order motion complaint judgment ' +
  'united states district county superior appeals circuit supreme federal estate re in v vs versus petitioner respondent witness ' +
  'customer client account holder support team manager director senior junior analyst associate assistant coordinator officer operations ' +
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
  'jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow yesterday ' +
  'north south east west northern southern eastern western new old upper lower ' +
  'table figure fig page vol chapter appendix version release build model serial firmware patent isbn invoice transaction ticket ' +
  'refund payment card visa mastercard amex discover credit debit iban bank wire transfer routing reference ' +
  'hospital clinic university school office department center centre street avenue road ' +
  'professor doctor nurse mr mrs ms dr prof mx miss sir madam ' +
  'will may can could should would must shall might also however therefore meanwhile additionally finally first second third last next ' +
  'kind warm many yours truly respectfully cordially take care all good great thanks again attached draft contract report numbers ' +
  'pain plan dosage dose release notes checksums customer said his her wife husband daughter son spouse pager server logs ' +
  'hpi ros pmh psh fh sh cc pe ap bp hr rr temp spo2 bmi wbc rbc hgb hct plt a1c ldl hdl inr').split(/\s+/),
);

/** First names that are also common words or places: need more evidence (a known surname or a cue). */
const AMBIGUOUS_FIRST = new Set(['will', 'may', 'june', 'april', 'august', 'mark', 'bill', 'grace', 'hope', 'faith', 'joy', 'rose',
  'page', 'chase', 'art', 'don', 'rich', 'sue', 'pat', 'van', 'court', 'case', 'jordan', 'georgia', 'virginia', 'austin',
  'dallas', 'christian', 'drew', 'lane', 'guy', 'ray', 'ward', 'hall', 'amber', 'crystal', 'ruby', 'iris', 'ivy', 'dawn',
  'brandy', 'sunny', 'sterling', 'summer', 'autumn', 'winter', 'carol', 'frank', 'gay', 'jack', 'jean', 'king', 'major', 'miles',
  'norm', 'penny', 'price', 'rod', 'skip', 'sky', 'storm', 'tim', 'val', 'vale', 'madison', 'florence', 'paris', 'orlando',
  'phoenix', 'denver', 'cleveland', 'houston', 'lincoln', 'jackson', 'washington', 'kent', 'chester', 'general', 'patience',
  'precious', 'destiny', 'harmony', 'liberty', 'unity', 'justice', 'honor', 'star', 'angel', 'baby', 'dusty', 'misty', 'rusty',
  'sandy', 'stormy', 'windy', 'cliff', 'glen', 'forest', 'river', 'brook', 'dale', 'heath', 'moss', 'reed', 'rocky', 'stone',
  'wood', 'field', 'house', 'say', 'said', 'see', 'son', 'man', 'lab', 'vita', 'min', 'max', 'tom', 'bob', 'sid', 'stan', 'al',
  'ali', 'kim', 'lee', 'li', 'jan', 'dee', 'eve', 'ada', 'ann', 'anne', 'nat', 'ned', 'ed', 'em', 'mo', 'flo', 'bo', 'ty', 'ken',
  'le', 'an', 'in', 'on', 'ah', 'do', 'go', 'no', 'so', 'to', 'hi', 'ok', 'tex', 'bud', 'buck', 'duke', 'earl', 'prince', 'queen',
  'royal', 'baron', 'marshal', 'judge', 'dean', 'bishop', 'abbot', 'pope', 'cook', 'young', 'long', 'short', 'white', 'black',
  'brown', 'green', 'gray', 'grey', 'golden', 'sterling', 'christmas', 'easter', 'noel', 'stormi', 'tuesday', 'friday', 'sunday', 'monday',
  'wednesday', 'thursday', 'saturday', 'january', 'february', 'march', 'october', 'november', 'december', 'sept', 'clinic',
  'charity', 'constance', 'prudence', 'temperance', 'verity', 'mercy', 'trinity', 'genesis', 'journey', 'serenity', 'essence',
  'echo', 'rain', 'blaze', 'jewel', 'diamond', 'pearl', 'opal', 'jade', 'coral', 'ginger', 'olive', 'cherry', 'berry', 'candy',
  'honey', 'sugar', 'holly', 'heather', 'daisy', 'lily', 'violet', 'poppy', 'fern', 'willow', 'hazel', 'laurel', 'magnolia',
  'cat', 'kit', 'fox', 'wolf', 'bear', 'hawk', 'robin', 'wren', 'lark', 'jay', 'dove', 'raven', 'crow', 'swan']);

interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** 'cap' = Titlecase, 'upper' = ALL CAPS, 'initial' = "J." / "J", 'lower' = other. */
  shape: 'cap' | 'upper' | 'initial' | 'lower';
}

const PARTICLE_GAP = /^ (?:van|von|de|del|della|der|den|da|di|du|la|le|bin|bint|al|el|ibn|ten|ter|y)(?: (?:der|den|la|de|los|las))? $/;

// A capitalised token: uppercase letter, letters, optional apostrophe/hyphen-joined parts, optional
// dot (initials, titles). Every repetition is bounded; lowercase words are never materialised.
const TOKEN_RE = /\p{Lu}[\p{L}\p{M}]{0,40}(?:['’\-][\p{L}\p{M}]{1,40}){0,3}\.?/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\d]/u;

function isLowerAt(t: string, k: number): boolean {
  const c = t.charCodeAt(k);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = t[k]!;
  return ch !== ch.toUpperCase();
}

function shapeOf(t: string): Tok['shape'] {
  const n = t.charCodeAt(t.length - 1) === 46 ? t.length - 1 : t.length;
  if (n === 1) return 'initial';
  let lower = 0;
  for (let k = 1; k < n; k++) if (isLowerAt(t, k)) lower++;
  if (lower === 0) return 'upper';
  // "McDonald", "DeShawn", "O'Brien" are still Titlecase names; "iPHONE"-like mixes are not.
  const c1 = t.charCodeAt(1);
  if (!isLowerAt(t, 1) && c1 !== 39 && c1 !== 0x2019 && !/^(?:Mc|Mac|De|La|Le|Di|Da|Van)/.test(t)) return 'lower';
  return 'cap';
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    // Mid-word capitals ("iPhone", "eBay") start no token.
    if (start > 0) {
      const p = text.charCodeAt(start - 1);
      if (p < 128 ? (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) : LETTER_OR_DIGIT.test(text[start - 1]!)) continue;
    }
    let s = m[0];
    // Possessive 's belongs to the sentence, not the name.
    if (s.length > 2 && (s.endsWith("'s") || s.endsWith('’s') || s.endsWith("'s.") || s.endsWith('’s.'))) s = s.slice(0, s.lastIndexOf('s') - 1);
    const lower = s.toLowerCase();
    toks.push({ start, end: start + s.length, text: s, lower: lower.endsWith('.') ? lower.slice(0, -1) : lower, shape: shapeOf(s) });
  }
  return toks;
}

/** Tokens stay in one name run across a single space, or across a lowercase particle ("van der"). */
function joined(text: string, a: Tok, b: Tok): boolean {
  const gapLen = b.start - a.end;
  if (gapLen === 1) return text.charCodeAt(a.end) === 32;
  if (gapLen > 12 || gapLen < 3) return false;
  return PARTICLE_GAP.test(text.slice(a.end, b.start));
}

/** A dot after a full word (not an initial, title or abbreviation) ends the sentence, and the run. */
function endsSentence(t: Tok): boolean {
  return t.text.endsWith('.') && t.shape !== 'initial' && !TITLES.has(t.lower) && !ABBREVIATIONS.has(t.lower);
}
const ABBREVIATIONS = new Set(['st', 'jr', 'sr', 'mt', 'ft', 'esq', 'no', 'inc', 'co', 'corp', 'ltd', 'bros', 'vs', 'v']);

function stripDot(t: Tok): string {
  return t.lower;
}

export function scanPersons(text: string, o: ResolvedDetectOptions, out: Candidate[]): void {
  const firsts = firstNameSet();
  const surnames = SURNAMES;
  const dict = dictionarySet();
  const known = o.knownNames;
  const toks = tokenize(text);
  // Lookups ignore accents ("Tomás" is "tomas") and apostrophes ("O'Brien" is "obrien").
  const fold = (w: string) => {
    let ascii = true;
    let quote = false;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c > 127) ascii = false;
      else if (c === 39) quote = true;
    }
    if (ascii && !quote) return w;
    return (ascii ? w : w.normalize('NFD').replace(/\p{M}/gu, '')).replace(/['’]/g, '');
  };
  // Gazetteer verdicts per word, cached across documents (the vocabulary of names is small).
  const flags = (w: string): number => {
    let v = WORD_FLAGS.get(w);
    if (v === undefined) {
      const f = fold(w);
      const dash = f.indexOf('-');
      v = 0;
      if (firsts.has(f) || (dash > 0 && firsts.has(f.slice(0, dash)))) v |= 1;
      if (surnames.has(f) || (dash > 0 && f.split('-').some((p) => surnames.has(p)))) v |= 2;
      if (WORD_FLAGS.size >= 100_000) WORD_FLAGS.clear();
      WORD_FLAGS.set(w, v);
    }
    return v;
  };
  const isFirst = (w: string) => (flags(w) & 1) !== 0 || (known.size > 0 && known.has(w));
  const isSurname = (w: string) => (flags(w) & 2) !== 0 || (known.size > 0 && known.has(w));
  const nameLike = (t: Tok) => t.shape !== 'lower';
  const found: Candidate[] = [];
  const nameTokens = new Set<string>();
  const pending: Tok[][] = [];
  let cueMemo: boolean | undefined;
  let signoffMemo: boolean | undefined;
  let memoStart = 0;
  let memoEnd = 0;

  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (!nameLike(t)) {
      i++;
      continue;
    }
    // Collect a run of name-like tokens joined by single spaces.
    let j = i;
    while (j + 1 < toks.length && j - i + 1 < MAX_RUN + 2 && nameLike(toks[j + 1]!) && joined(text, toks[j]!, toks[j + 1]!) && !endsSentence(toks[j]!)) j++;
    const run = toks.slice(i, j + 1);
    i = j + 1;
    judgeRun(run);
  }

  function judgeRun(run: Tok[]): void {
    // Most runs are one capitalised common word ("The", "Patient"): reject them first.
    if (run.length === 1) {
      const w = run[0]!.lower;
      if (COMMON_WORDS.has(w) || run[0]!.shape === 'initial') return;
      // An ordinary English word that is in no name list ("Admitted", "Please") cannot be a name.
      if (dict.has(w) && !isFirst(w) && !isSurname(w)) return;
    }
    const allUpperDoc = run.every((t) => t.shape === 'upper' || t.shape === 'initial');
    // A title anywhere in the run ("Prescriber Dr. Adaeze Eze"): the name is what follows it.
    let title = false;
    let a = 0;
    for (let k = run.length - 2; k >= 0; k--) {
      const t = run[k]!;
      if (TITLES.has(stripDot(t)) && (t.text.endsWith('.') || t.shape === 'cap' || t.shape === 'upper')) {
        title = true;
        a = k + 1;
        break;
      }
    }
    // "The Washington Post", "The Grace Hopper Conference": a leading article means a thing.
    if (!title && stripDot(run[0]!) === 'the') return;
    // Trim common words at the start (sentence starters, headers) and end.
    while (a < run.length && (COMMON_WORDS.has(stripDot(run[a]!)) && !(isFirst(stripDot(run[a]!)) && !AMBIGUOUS_FIRST.has(stripDot(run[a]!)) && a + 1 < run.length && !COMMON_WORDS.has(stripDot(run[a + 1]!))))) {
      if (TITLES.has(stripDot(run[a]!))) title = true;
      a++;
    }
    let b = run.length - 1;
    while (b >= a && (COMMON_WORDS.has(stripDot(run[b]!)) || (run[b]!.shape === 'initial' && b > a && /^(?:md|do|rn|jr|sr)$/.test(stripDot(run[b]!))))) b--;
    if (b < a) return;
    // An ordinary English word opening the run ("Later Chen", "Emergency Smith") is not part of
    // the name unless it is also a given name.
    while (b > a && !title && dict.has(stripDot(run[a]!)) && !isFirst(stripDot(run[a]!)) && run[a]!.shape === 'cap') a++;
    let name = run.slice(a, b + 1);
    // An organisation/place word anywhere in the run vetoes it ("Grace Hopper Conference").
    if (run.some((t) => ORG_WORDS.has(stripDot(t)))) return;
    if (name.length > MAX_RUN) return;
    // Trailing initial with dot at sentence end ("... Chen J.") is fine; a lone initial is not a name.
    const words = name.filter((t) => t.shape !== 'initial');
    if (words.length === 0) return;
    if (allUpperDoc && !title && run.length === 1) return;
    if (words.length === 1 && words[0]!.shape === 'upper' && !title) return;
    // Case names in citations ("Smith v. Jones") are public record, not personal data to redact.
    if (/^ vs?\. /.test(text.slice(name[name.length - 1]!.end, name[name.length - 1]!.end + 5)) || / vs?\. $/.test(text.slice(Math.max(0, name[0]!.start - 5), name[0]!.start))) return;
    const lw = words.map(stripDot);
    const firstKnown = isFirst(lw[0]!);
    // Given names that are also ordinary words ("Ford", "Hunter") need a surname or a cue too.
    const firstAmbiguous = AMBIGUOUS_FIRST.has(lw[0]!) || dict.has(lw[0]!);
    const lastKnown = isSurname(lw[lw.length - 1]!);
    const anyCommon = lw.some((w) => COMMON_WORDS.has(w));
    // Context cues cost regex work: computed only when the gazetteers alone do not decide.
    cueMemo = undefined;
    signoffMemo = undefined;
    memoStart = name[0]!.start;
    memoEnd = name[name.length - 1]!.end;

    let score = 0;
    if (title) score = 0.95;
    else if (words.length >= 2) {
      if (anyCommon) score = 0;
      else if (firstKnown && !firstAmbiguous) score = lastKnown ? 0.95 : 0.85;
      else if (firstKnown && firstAmbiguous) score = lastKnown || cueOf() || signoffOf() ? 0.85 : 0;
      else if (lastKnown) score = cueOf() || signoffOf() ? 0.9 : lw.length === 2 && !sentenceStart(name[0]!.start) ? 0.7 : 0.6;
      else if (cueOf() || signoffOf()) score = 0.8;
      // Hyphenated or multi-part unknown names next to a known given name in the run.
      else if (lw.some((w) => isFirst(w) && !AMBIGUOUS_FIRST.has(w))) score = 0.65;
    } else {
      const w = lw[0]!;
      if (anyCommon) score = 0;
      else if (cueOf() || signoffOf()) score = isFirst(w) || isSurname(w) ? 0.9 : 0.75;
      else if (isFirst(w) && !firstAmbiguous && !sentenceStart(name[0]!.start) && name[0]!.shape === 'cap') score = 0.55;
    }
    if (score < o.minScore) {
      // Keep unknown single tokens for the document-level pass.
      pending.push(name);
      return;
    }
    // All-caps runs are kept only with a known first name (captions: "MICHAEL RUSSO, Plaintiff").
    if (allUpperDoc && !title && !firstKnown && !cueOf()) return;
    name = name.filter((_, k) => !(k === name.length - 1 && name[k]!.shape === 'initial' && !name[k]!.text.endsWith('.') && false));
    const start = name[0]!.start;
    const end = spanEnd(name[name.length - 1]!);
    found.push({ type: 'PERSON', start, end, text: text.slice(start, end), score });
    for (const w of lw) if (w.length > 1) nameTokens.add(w);
  }

  function cueOf(): boolean {
    return (cueMemo ??= cueBefore(memoStart) || CUE_AFTER.test(text.slice(memoEnd, memoEnd + 24)));
  }
  function signoffOf(): boolean {
    return (signoffMemo ??= lineEndsAfter(memoEnd) && SIGNOFF.test(text.slice(Math.max(0, memoStart - 40), memoStart)));
  }
  function spanEnd(t: Tok): number {
    return t.text.endsWith('.') && t.shape !== 'initial' ? t.end - 1 : t.end;
  }
  function cueBefore(start: number): boolean {
    // The word (and punctuation) right before the name, on the same line; scanned backwards.
    let k = start - 1;
    const limit = Math.max(0, start - 12);
    while (k >= limit && ' \t:,.()#-'.includes(text[k]!)) k--;
    if (k < limit || k === start - 1) return false;
    const punct = text.slice(k + 1, start);
    let w0 = k;
    while (w0 > 0 && k - w0 < 20 && /\p{L}/u.test(text[w0 - 1]!)) w0--;
    const w = text.slice(w0, k + 1).toLowerCase();
    // Header words only count as e-mail headers ("From: Jane Doe"), not as prepositions.
    if (HEADER_CUES.has(w)) return punct.startsWith(':');
    return CUE_BEFORE.has(w);
  }
  function sentenceStart(start: number): boolean {
    let k = start - 1;
    while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
    if (k < 0) return true;
    const c = text[k]!;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === '"' || c === ':';
  }
  function lineEndsAfter(end: number): boolean {
    let k = end;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === ',')) k++;
    // "Jane Doe | Architect", "Jane Doe - Sales" also end the name line of a signature.
    return k >= text.length || text[k] === '\n' || text[k] === '\r' || text[k] === '|' || ((text[k] === '-' || text[k] === '–') && text[k + 1] === ' ');
  }

  // Document-level pass: tokens of names already found mark other mentions ("Mr. Russo" ... "Russo said").
  for (const name of pending) {
    const lw = name.filter((t) => t.shape !== 'initial').map(stripDot);
    const tail = text.slice(name[name.length - 1]!.end, name[name.length - 1]!.end + 40);
    if (ORG_TAIL.test(tail)) continue;
    if (lw.length > 0 && lw.every((w) => nameTokens.has(w)) && !(lw.length === 1 && AMBIGUOUS_FIRST.has(lw[0]!) && sentenceStart(name[0]!.start))) {
      const start = name[0]!.start;
      const end = spanEnd(name[name.length - 1]!);
      found.push({ type: 'PERSON', start, end, text: text.slice(start, end), score: 0.8 });
    }
  }
  scanSelfIntroductions(text, isFirst, out);
  scanLastFirst(text, out);
  for (const f of found) out.push(f);
}
