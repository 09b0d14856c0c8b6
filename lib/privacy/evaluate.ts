/**
 * evaluatePII: scores a detector on labelled documents, the way presidio-research does:
 * character-level precision/recall/F1 (a character is PII or not), and entity-level recall per
 * type, where a gold entity counts as found when at least 90% of its characters are flagged.
 */
import { readFileSync } from 'node:fs';
import { checkArg, LmforgeError } from '../errors.js';
import { detectPII } from './pii/detect.js';
import type { DetectPiiOptions, PiiEntity } from './pii/types.js';

export interface LabelledSpan {
  start: number;
  end: number;
  type: string;
}

export interface LabelledDocument {
  id?: string;
  text: string;
  spans: LabelledSpan[];
}

export interface EvaluatePiiOptions extends DetectPiiOptions {
  /** The detector to score (default: detectPII with these options). */
  detector?: (text: string) => Array<Pick<PiiEntity, 'start' | 'end' | 'type'>>;
  /** Share of a gold entity's characters that must be flagged for it to count as found (default 0.9). */
  coverage?: number;
  /** When true, a flagged character only counts for a gold entity of the same type (default false). */
  typeMatters?: boolean;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface PiiEvaluation {
  documents: number;
  /** Characters: is each one PII or not. */
  chars: PrecisionRecall & { truePositive: number; falsePositive: number; falseNegative: number };
  entities: { total: number; found: number; recall: number };
  /** Entity recall and char precision per gold/predicted type. */
  byType: Record<string, { total: number; found: number; recall: number; predictedChars: number; charPrecision: number }>;
  /** Gold entities that were not found (first 50) and predicted spans with no gold overlap (first 50). */
  misses: Array<{ id: string; type: string; text: string }>;
  falseAlarms: Array<{ id: string; type: string; text: string }>;
}

function prf(tp: number, fp: number, fn: number): PrecisionRecall {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Parses labelled JSONL: one `{text, spans:[{start,end,type|label}]}` per line (doccano `label: [[s,e,T]]` also read). */
export function parseLabelledJsonl(jsonl: string, source = 'input'): LabelledDocument[] {
  const docs: LabelledDocument[] = [];
  const lines = jsonl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      throw new LmforgeError('PII_BAD_LABELS', `${source}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    docs.push(toDocument(obj, `${source}:${i + 1}`));
  }
  return docs;
}

function toDocument(obj: unknown, where: string): LabelledDocument {
  if (typeof obj !== 'object' || obj === null) throw new LmforgeError('PII_BAD_LABELS', `${where}: expected an object`);
  const o = obj as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new LmforgeError('PII_BAD_LABELS', `${where}: field "text" must be a string`);
  const raw = o.spans ?? o.entities ?? o.label ?? [];
  if (!Array.isArray(raw)) throw new LmforgeError('PII_BAD_LABELS', `${where}: field "spans" must be an array`);
  const spans: LabelledSpan[] = raw.map((s: unknown, k: number) => {
    let start: unknown, end: unknown, type: unknown;
    if (Array.isArray(s)) [start, end, type] = s;
    else if (typeof s === 'object' && s !== null) {
      const r = s as Record<string, unknown>;
      start = r.start ?? r.start_position;
      end = r.end ?? r.end_position;
      type = r.type ?? r.label ?? r.entity_type;
    }
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof type !== 'string' || (start as number) < 0 || (end as number) > (o.text as string).length || (start as number) >= (end as number)) {
      throw new LmforgeError('PII_BAD_LABELS', `${where}: spans[${k}] must have integer start < end within the text and a string type`);
    }
    return { start: start as number, end: end as number, type };
  });
  return { id: typeof o.id === 'string' ? o.id : where, text: o.text, spans };
}

/**
 * Scores detection on labelled documents: an array, a JSONL string, or a path to a .jsonl file.
 */
export function evaluatePII(labelled: LabelledDocument[] | string, options: EvaluatePiiOptions = {}): PiiEvaluation {
  let docs: LabelledDocument[];
  if (typeof labelled === 'string') {
    const looksLikePath = !labelled.trimStart().startsWith('{') && labelled.length < 4096;
    if (looksLikePath) {
      let content: string;
      try {
        content = readFileSync(labelled, 'utf8');
      } catch (err) {
        throw new LmforgeError('PII_BAD_LABELS', `labelled: cannot read ${labelled}: ${(err as Error).message}`, { cause: err });
      }
      docs = parseLabelledJsonl(content, labelled);
    } else docs = parseLabelledJsonl(labelled);
  } else {
    checkArg(Array.isArray(labelled), 'labelled', 'an array of labelled documents, a JSONL string or a file path', labelled);
    docs = labelled.map((d, i) => toDocument(d, `labelled[${i}]`));
  }
  const { detector, coverage = 0.9, typeMatters = false, ...detectOpts } = options;
  checkArg(typeof coverage === 'number' && coverage > 0 && coverage <= 1, 'options.coverage', 'a number in (0, 1]', coverage);
  const detect = detector ?? ((t: string) => detectPII(t, detectOpts));

  let tp = 0, fp = 0, fn = 0;
  let total = 0, found = 0;
  const byType: PiiEvaluation['byType'] = {};
  const row = (t: string) => (byType[t] ??= { total: 0, found: 0, recall: 0, predictedChars: 0, charPrecision: 0 });
  const correctPred: Record<string, number> = {};
  const misses: PiiEvaluation['misses'] = [];
  const falseAlarms: PiiEvaluation['falseAlarms'] = [];

  for (const d of docs) {
    const n = d.text.length;
    // Per character: gold type index+1 (0 = not PII), predicted type index+1.
    const types: string[] = [];
    const typeId = (t: string) => {
      let k = types.indexOf(t);
      if (k < 0) k = types.push(t) - 1;
      return k + 1;
    };
    const gold = new Uint16Array(n);
    const pred = new Uint16Array(n);
    for (const s of d.spans) gold.fill(typeId(s.type), s.start, s.end);
    const predicted = detect(d.text);
    for (const p of predicted) {
      if (!(p.start >= 0 && p.end <= n && p.start < p.end)) throw new LmforgeError('PII_BAD_DETECTOR', `detector returned span [${p.start}, ${p.end}) outside document ${d.id}`);
      pred.fill(typeId(p.type), p.start, p.end);
    }
    for (let i = 0; i < n; i++) {
      const g = gold[i]!, p = pred[i]!;
      const hit = typeMatters ? g !== 0 && g === p : g !== 0 && p !== 0;
      if (p !== 0) {
        if (hit) tp++;
        else if (g === 0 || typeMatters) fp++;
        const pt = types[p - 1]!;
        row(pt).predictedChars++;
        if (g !== 0 && g === p) correctPred[pt] = (correctPred[pt] ?? 0) + 1;
      }
      if (g !== 0 && !hit) fn++;
    }
    for (const s of d.spans) {
      const gid = typeId(s.type);
      let flagged = 0;
      for (let i = s.start; i < s.end; i++) if (pred[i] !== 0 && (!typeMatters || pred[i] === gid)) flagged++;
      const ok = flagged >= coverage * (s.end - s.start);
      total++;
      row(s.type).total++;
      if (ok) {
        found++;
        row(s.type).found++;
      } else if (misses.length < 50) misses.push({ id: d.id ?? '', type: s.type, text: d.text.slice(s.start, s.end) });
    }
    for (const p of predicted) {
      let overlap = false;
      for (let i = p.start; i < p.end && !overlap; i++) if (gold[i] !== 0) overlap = true;
      if (!overlap && falseAlarms.length < 50) falseAlarms.push({ id: d.id ?? '', type: p.type, text: d.text.slice(p.start, p.end) });
    }
  }
  for (const [t, r] of Object.entries(byType)) {
    r.recall = r.total === 0 ? 1 : r.found / r.total;
    r.charPrecision = r.predictedChars === 0 ? 1 : (correctPred[t] ?? 0) / r.predictedChars;
  }
  return {
    documents: docs.length,
    chars: { ...prf(tp, fp, fn), truePositive: tp, falsePositive: fp, falseNegative: fn },
    entities: { total, found, recall: total === 0 ? 1 : found / total },
    byType,
    misses,
    falseAlarms,
  };
}
