/**
 * detectPII: runs every recognizer (each linear in the text length), then resolves overlaps so
 * each character belongs to at most one entity.
 */
import { checkArg } from '../../errors.js';
import { LmforgeError } from '../../errors.js';
import { scanNumeric } from './numeric.js';
import { scanDatesAfterNames, scanDatesOfBirth, scanEmails, scanIbans, scanIpv6, scanMrns, scanUrls } from './structured.js';
import { looksLikePersonName, scanPersons, taggerClass, type PersonHints, type PersonScan } from './names.js';
import { RULE_VETO, scanTaggedNames, taggerRejects } from './tagger.js';
import { scanAddresses } from './address.js';
import { scanCsv } from './csv.js';
import { flatCopy } from './chars.js';
import { DEFAULT_PII_TYPES, PII_TYPES, type Candidate, type DetectPiiOptions, type PiiContext, type PiiEntity, type PiiType } from './types.js';

const CONTEXTS: readonly PiiContext[] = ['general', 'medical', 'financial', 'legal'];

/** Options after defaults, shared by the recognizers. */
export interface ResolvedDetectOptions {
  entities: ReadonlySet<PiiType>;
  context: PiiContext;
  minScore: number;
  defaultCountry: string;
  knownNames: ReadonlySet<string>;
}

export function resolveDetectOptions(options: DetectPiiOptions | undefined, argName = 'options'): ResolvedDetectOptions {
  if (options === undefined) options = {};
  checkArg(typeof options === 'object' && options !== null && !Array.isArray(options), argName, 'an options object', options);
  const entities = options.entities ?? DEFAULT_PII_TYPES;
  checkArg(Array.isArray(entities), `${argName}.entities`, 'an array of entity type names', entities);
  for (const e of entities) {
    if (!PII_TYPES.includes(e)) {
      throw new LmforgeError('PII_UNKNOWN_ENTITY', `${argName}.entities contains unknown type ${JSON.stringify(e)}; known types: ${PII_TYPES.join(', ')}`);
    }
  }
  const context = options.context ?? 'general';
  if (!CONTEXTS.includes(context)) {
    throw new LmforgeError('PII_UNKNOWN_CONTEXT', `${argName}.context must be one of ${CONTEXTS.join(', ')}, got ${JSON.stringify(context)}`);
  }
  const minScore = options.minScore ?? 0.5;
  checkArg(typeof minScore === 'number' && minScore >= 0 && minScore <= 1, `${argName}.minScore`, 'a number between 0 and 1', minScore);
  const defaultCountry = options.defaultCountry ?? 'US';
  checkArg(typeof defaultCountry === 'string' && /^[A-Z]{2}$/.test(defaultCountry), `${argName}.defaultCountry`, 'a two-letter ISO country code like "US"', defaultCountry);
  const known = options.knownNames ?? [];
  checkArg(Array.isArray(known), `${argName}.knownNames`, 'an array of strings', known);
  return {
    entities: new Set(entities),
    context,
    minScore,
    defaultCountry,
    knownNames: new Set(known.map((s) => String(s).toLowerCase())),
  };
}

/**
 * Finds personal data in `text`. Returns entities sorted by start, non-overlapping.
 * Linear in text length: no recognizer backtracks over unbounded input.
 */
export function detectPII(text: string, options?: DetectPiiOptions): PiiEntity[] {
  checkArg(typeof text === 'string', 'text', 'a string', text);
  return detectWith(text, resolveDetectOptions(options));
}

export function detectWith(text: string, o: ResolvedDetectOptions): PiiEntity[] {
  // Every recognizer reads one flat copy (see flatCopy for the measured trade-off).
  text = flatCopy(text);
  const cands: Candidate[] = [];
  const want = (t: PiiType) => o.entities.has(t);
  // Names are judged with the e-mail addresses and phone numbers next to them as evidence, so those
  // are scanned whenever PERSON is wanted (and dropped from the result below if not wanted).
  const persons = want('PERSON');
  if (want('EMAIL_ADDRESS') || persons) scanEmails(text, cands);
  if (want('URL')) scanUrls(text, cands);
  if (want('PHONE_NUMBER') || want('US_SSN') || want('CREDIT_CARD') || want('IP_ADDRESS') || persons) {
    scanNumeric(text, { context: o.context, defaultCountry: o.defaultCountry }, cands);
  }
  if (want('IP_ADDRESS')) scanIpv6(text, cands);
  if (want('IBAN_CODE')) scanIbans(text, cands);
  if (want('MEDICAL_RECORD_NUMBER')) scanMrns(text, cands);
  if (want('DATE_OF_BIRTH')) scanDatesOfBirth(text, cands);
  const quiet = scanCsv(text, o, cands, looksLikePersonName);
  let scan: PersonScan | undefined;
  // (Addresses are also found when only names are wanted: the name tagger must not read a street
  // name as a person's.)
  if (want('LOCATION') || persons) scanAddresses(text, o, cands);
  if (persons) {
    const found: Candidate[] = [];
    const { hints, emails } = personEvidence(cands);
    scan = scanPersons(text, o, found, hints);
    // A name inside an e-mail address is the address's (even a role mailbox's, which may be dropped
    // below for its low score): "rpm" in rpm-list-admin@..., "megan" in megan.oduya@....
    const kept = dropInside(emails.length === 0 ? found : dropOverlapping(found, emails), quiet);
    for (const p of kept) cands.push(p);
    if (want('DATE_OF_BIRTH')) scanDatesAfterNames(text, kept, cands);
  }
  let kept = cands.filter((c) => want(c.type) && c.score >= o.minScore && c.end > c.start);
  // The learned tagger adds names only where no recognizer claimed any of the text (nor a CSV column
  // of another kind): it finds names the rules missed and never overrides them.
  if (scan !== undefined && scan.toks.length > 0) {
    // A rule's less certain name guess that the tagger reads as no name at all is dropped (unless
    // the caller named one of its words in knownNames).
    const { toks } = scan;
    // (Each candidate is judged once, the cheap tests before the tagger's scoring.)
    const known = (c: Candidate) => o.knownNames.size > 0 && c.text.toLowerCase().split(/[\s,]+/).some((w) => o.knownNames.has(w));
    const vetoed = (c: Candidate) => c.type === 'PERSON' && c.score < RULE_VETO.ruleScoreUnder && !known(c) && taggerRejects(text, toks, taggerClass, c.start, c.end, RULE_VETO.below);
    kept = kept.filter((c) => !vetoed(c));
    const learned: Candidate[] = [];
    scanTaggedNames(text, scan.toks, taggerClass, claimedRanges(cands.filter((c) => c.score >= o.minScore), quiet), learned);
    for (const c of learned) if (c.score >= o.minScore && !scan.namesAThing(c.start, c.end)) kept.push(c);
  }
  return resolveOverlaps(kept);
}

const NO_TOKENS: ReadonlySet<string> = new Set();

/**
 * Contacts and e-mail name parts found so far, as evidence for the name recognizer, and the ranges of
 * every e-mail address (names inside them are the address's), from one walk over the candidates.
 */
function personEvidence(cands: readonly Candidate[]): { hints: PersonHints; emails: Array<[number, number]> } {
  const contacts: number[] = [];
  const emails: Array<[number, number]> = [];
  let emailTokens: Set<string> | undefined;
  for (const c of cands) {
    if (c.type !== 'EMAIL_ADDRESS' && c.type !== 'PHONE_NUMBER' && c.type !== 'CREDIT_CARD' && c.type !== 'IBAN_CODE') continue;
    contacts.push(c.start);
    if (c.type === 'EMAIL_ADDRESS') emails.push([c.start, c.end]);
    if (c.type === 'EMAIL_ADDRESS' && c.score >= 0.5) {
      // Only "first.last"-style local parts: a one-word mailbox ("praxis@", "kontakt@") names no one.
      const parts = c.text.slice(0, c.text.indexOf('@')).toLowerCase().split(/[._-]/);
      if (parts.length < 2) continue;
      for (const part of parts) if (part.length > 2 && !/\d/.test(part)) (emailTokens ??= new Set()).add(part);
    }
  }
  if (contacts.length > 1) contacts.sort((a, b) => a - b);
  return { hints: { contacts, emailTokens: emailTokens ?? NO_TOKENS }, emails };
}

/** The text covered by `cands` or by `extra` ranges, as sorted, disjoint ranges. */
function claimedRanges(cands: readonly Candidate[], extra: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const all: Array<[number, number]> = cands.map((c): [number, number] => [c.start, c.end]);
  for (const r of extra) all.push([r[0], r[1]]);
  all.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last !== undefined && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** Removes candidates overlapping any of `ranges`. */
function dropOverlapping(cands: Candidate[], ranges: Array<[number, number]>): Candidate[] {
  return cands.filter((c) => !ranges.some(([s, e]) => c.start < e && c.end > s));
}

/** Removes candidates lying inside any of the sorted, disjoint `ranges`. */
function dropInside(cands: Candidate[], ranges: Array<[number, number]>): Candidate[] {
  if (ranges.length === 0) return cands;
  cands.sort((a, b) => a.start - b.start);
  const out: Candidate[] = [];
  let r = 0;
  for (const c of cands) {
    while (r < ranges.length && ranges[r]![1] <= c.start) r++;
    const inside = r < ranges.length && ranges[r]![0] <= c.start && c.end <= ranges[r]![1];
    if (!inside) out.push(c);
  }
  return out;
}

/**
 * Sort by start; on overlap keep the higher score, then the longer span. A single sweep
 * (O(n log n) for the sort), so millions of candidates stay cheap.
 */
export function resolveOverlaps(cands: Candidate[]): PiiEntity[] {
  cands.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: PiiEntity[] = [];
  for (const c of cands) {
    const last = out[out.length - 1];
    if (last === undefined || c.start >= last.end) {
      out.push(c);
      continue;
    }
    const better = c.score > last.score || (c.score === last.score && c.end - c.start > last.end - last.start);
    if (better) {
      out.pop();
      // The replaced entity may have hidden an overlap with the one before it.
      const prev = out[out.length - 1];
      if (prev !== undefined && prev.end > c.start) {
        if (prev.score >= c.score) continue;
        out.pop();
      }
      out.push(c);
    }
  }
  return out;
}
