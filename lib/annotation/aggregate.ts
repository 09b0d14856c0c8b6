import { checkArg, LmforgeError } from '../errors.js';
import { cohenKappa, fleissKappa, ratingsToTable } from './kappa.js';
import { krippendorffAlpha } from './krippendorff.js';
import { spanF1 } from './span-f1.js';
import type { Annotation, AnnotatedItem, Span } from './types.js';
import { isList } from './guards.js';

export interface AggregateOptions {
  /** What to aggregate (default 'classification'). */
  task?: 'classification' | 'spans';
  /**
   * Items whose agreement is below this go to review (default 0: only ties and unannotated
   * items). Classification agreement is the majority's share of votes; span agreement is the
   * mean pairwise exact span F1 between annotators.
   */
  minAgreement?: number;
  /** Items with fewer answers than this go to review (default 1). */
  minAnnotations?: number;
}

export type ReviewReason = 'tie' | 'low-agreement' | 'too-few-annotations';

export interface AggregatedItem {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  /** Majority label (classification; absent on a tie or without votes). */
  label?: string;
  /** Spans chosen by more than half of the annotators (spans task). */
  spans?: Span[];
  /** Votes per label (classification) or per `start:end:label` span key (spans). */
  votes: Record<string, number>;
  /** Annotators who answered. */
  annotators: number;
  /** Per-item agreement in [0, 1]. */
  agreement: number;
  status: 'resolved' | 'review';
  reasons: ReviewReason[];
  annotations: Annotation[];
}

export interface AggregateResult {
  resolved: AggregatedItem[];
  review: AggregatedItem[];
  stats: { items: number; resolved: number; review: number; ties: number; lowAgreement: number; tooFewAnnotations: number };
}

const spanKey = (s: Span): string => `${s.start}:${s.end}:${s.label}`;

/**
 * Majority vote per item with explicit tie handling: a tie (two or more labels sharing the top
 * count, or a span chosen by exactly half the annotators) is never broken arbitrarily; the item
 * goes to the review queue. So do items below `minAgreement` or with too few answers.
 */
export function aggregateLabels(items: readonly AnnotatedItem[], options: AggregateOptions = {}): AggregateResult {
  const where = 'aggregateLabels';
  checkArg(isList(items), `${where}: items`, 'an array of annotated items', items);
  const task = options.task ?? 'classification';
  if (task !== 'classification' && task !== 'spans') throw new LmforgeError('E_OPTION', `${where}: options.task must be 'classification' or 'spans'`);
  const minAgreement = options.minAgreement ?? 0;
  const minAnnotations = options.minAnnotations ?? 1;
  const out: AggregateResult = { resolved: [], review: [], stats: { items: items.length, resolved: 0, review: 0, ties: 0, lowAgreement: 0, tooFewAnnotations: 0 } };
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || !isList(item.annotations)) {
      throw new LmforgeError('E_SHAPE', `${where}: items[${i}] has no annotations list`);
    }
    const reasons: ReviewReason[] = [];
    const votes: Record<string, number> = {};
    const agg: AggregatedItem = { id: item.id, text: item.text, meta: item.meta ?? {}, votes, annotators: 0, agreement: 0, status: 'resolved', reasons, annotations: item.annotations };
    if (task === 'classification') {
      const answered = item.annotations.filter((a) => typeof a.label === 'string');
      agg.annotators = answered.length;
      for (const a of answered) votes[a.label!] = (votes[a.label!] ?? 0) + 1;
      const counts = Object.entries(votes).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      if (counts.length > 0) {
        agg.agreement = counts[0]![1] / answered.length;
        if (counts.length > 1 && counts[1]![1] === counts[0]![1]) reasons.push('tie');
        else agg.label = counts[0]![0];
      }
    } else {
      const answered = item.annotations.filter((a) => Array.isArray(a.spans));
      agg.annotators = answered.length;
      const bySpan = new Map<string, Span>();
      for (const a of answered) {
        for (const key of new Set(a.spans!.map(spanKey))) votes[key] = (votes[key] ?? 0) + 1;
        for (const s of a.spans!) if (!bySpan.has(spanKey(s))) bySpan.set(spanKey(s), { start: s.start, end: s.end, label: s.label });
      }
      const m = answered.length;
      agg.spans = [...bySpan.entries()].filter(([k]) => votes[k]! * 2 > m).map(([, s]) => s).sort((x, y) => x.start - y.start || x.end - y.end);
      if (m >= 2 && Object.values(votes).some((v) => v * 2 === m)) reasons.push('tie');
      agg.agreement = m === 0 ? 0 : m === 1 ? 1 : meanPairwise(answered.map((a) => a.spans!), (x, y) => spanF1(x, y, { match: 'exact' }).f1);
    }
    if (agg.annotators < minAnnotations) reasons.push('too-few-annotations');
    if (agg.annotators > 0 && agg.agreement < minAgreement) reasons.push('low-agreement');
    if (reasons.length > 0) {
      agg.status = 'review';
      delete agg.label;
      out.review.push(agg);
    } else out.resolved.push(agg);
    if (reasons.includes('tie')) out.stats.ties++;
    if (reasons.includes('low-agreement')) out.stats.lowAgreement++;
    if (reasons.includes('too-few-annotations')) out.stats.tooFewAnnotations++;
  });
  out.stats.resolved = out.resolved.length;
  out.stats.review = out.review.length;
  return out;
}

function meanPairwise<T>(xs: readonly T[], f: (a: T, b: T) => number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) {
    sum += f(xs[i]!, xs[j]!);
    n++;
  }
  return n === 0 ? 1 : sum / n;
}

export interface LabelAgreement {
  annotators: string[];
  /** Reliability data (annotators × items), `null` where an annotator did not label an item. */
  data: (string | null)[][];
  /** Krippendorff's alpha (nominal); missing answers are missing data. */
  alpha: number;
  /** Fleiss' kappa over the items every annotator labelled (NaN if fewer than one such item). */
  fleiss: number;
  /** Items used for Fleiss' kappa. */
  fleissItems: number;
  /** Cohen's kappa for each annotator pair, over items both labelled. */
  pairwiseCohen: { a: string; b: string; kappa: number; items: number }[];
  /** Share of agreeing annotator pairs over all pairable pairs (raw percent agreement). */
  percentAgreement: number;
}

/** Dataset-level agreement for classification items, in the forms the literature reports. */
export function labelAgreement(items: readonly AnnotatedItem[]): LabelAgreement {
  checkArg(isList(items), 'labelAgreement: items', 'an array of annotated items', items);
  const annotators = [...new Set(items.flatMap((it) => it.annotations.filter((a) => typeof a.label === 'string').map((a) => a.annotator)))].sort();
  const col = new Map(annotators.map((a, i) => [a, i] as const));
  const data = annotators.map(() => new Array<string | null>(items.length).fill(null));
  items.forEach((it, u) => {
    for (const a of it.annotations) if (typeof a.label === 'string') data[col.get(a.annotator)!]![u] = a.label;
  });
  const complete: string[][] = [];
  for (let u = 0; u < items.length; u++) {
    const row = data.map((r) => r[u]!);
    if (annotators.length >= 2 && row.every((v) => v !== null)) complete.push(row as string[]);
  }
  const pairwiseCohen: LabelAgreement['pairwiseCohen'] = [];
  let agreePairs = 0;
  let allPairs = 0;
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) {
    const both = data[i]!.map((v, u) => (v !== null && data[j]![u] !== null ? u : -1)).filter((u) => u >= 0);
    pairwiseCohen.push({ a: annotators[i]!, b: annotators[j]!, kappa: cohenKappa(data[i]!, data[j]!), items: both.length });
    for (const u of both) {
      allPairs++;
      if (data[i]![u] === data[j]![u]) agreePairs++;
    }
  }
  let alpha = NaN;
  try {
    alpha = krippendorffAlpha(data, { level: 'nominal' });
  } catch (err) {
    if (!(err instanceof LmforgeError)) throw err;
  }
  return {
    annotators,
    data,
    alpha,
    fleiss: complete.length > 0 ? fleissKappa(ratingsToTable(complete).table) : NaN,
    fleissItems: complete.length,
    pairwiseCohen,
    percentAgreement: allPairs === 0 ? NaN : agreePairs / allPairs,
  };
}
