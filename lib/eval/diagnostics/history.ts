/**
 * Reading a run's history: the training loop's progress events, or its JSONL log (one TrainEvent per
 * line). JSON cannot hold NaN or Infinity, so logs write them as the strings "NaN", "Infinity" and
 * "-Infinity" (see JsonlLogger); they are turned back into numbers here so NaN detection still works.
 */
import { LmforgeError } from '../../errors.js';
import type { TrainEvent } from '../../model/contracts.js';

const TYPES = new Set(['step', 'eval', 'checkpoint', 'done']);
const NUMERIC = ['loss', 'lr', 'gradNorm', 'tokensPerSecond', 'valLoss', 'valPerplexity', 'elapsedMs'] as const;

function toNumber(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (v === null || v === 'NaN' || v === 'nan') return NaN;
  if (v === 'Infinity' || v === 'inf') return Infinity;
  if (v === '-Infinity' || v === '-inf') return -Infinity;
  return undefined;
}

/** Validates one event-like object; `where` names it in errors ("history[3]" or "run.jsonl line 4"). */
export function toTrainEvent(raw: unknown, where: string): TrainEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LmforgeError('EVAL_BAD_HISTORY', `${where} must be an object (a TrainEvent), got ${raw === null ? 'null' : typeof raw}`);
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.type !== 'string' || !TYPES.has(r.type)) {
    throw new LmforgeError('EVAL_BAD_HISTORY', `${where}.type must be 'step', 'eval', 'checkpoint' or 'done', got ${JSON.stringify(r.type)}`);
  }
  if (typeof r.step !== 'number' || !Number.isInteger(r.step) || r.step < 0) {
    throw new LmforgeError('EVAL_BAD_HISTORY', `${where}.step must be a non-negative integer, got ${JSON.stringify(r.step)}`);
  }
  const ev: TrainEvent = { type: r.type as TrainEvent['type'], step: r.step };
  for (const k of NUMERIC) {
    if (!(k in r)) continue;
    const n = toNumber(r[k]);
    if (n === undefined) throw new LmforgeError('EVAL_BAD_HISTORY', `${where}.${k} must be a number (or "NaN"/"Infinity"), got ${JSON.stringify(r[k])}`);
    ev[k] = n;
  }
  if (typeof r.path === 'string') ev.path = r.path;
  return ev;
}

/** Parses a JSONL training log (text) into events; blank lines are skipped, bad lines name their number. */
export function parseTrainLog(text: string, source = 'log'): TrainEvent[] {
  const out: TrainEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new LmforgeError('EVAL_BAD_HISTORY', `${source} line ${i + 1} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    out.push(toTrainEvent(raw, `${source} line ${i + 1}`));
  }
  return out;
}

/** Events from either form, validated. */
export function normalizeHistory(history: readonly unknown[] | string): TrainEvent[] {
  if (typeof history === 'string') return parseTrainLog(history);
  if (!Array.isArray(history)) throw new TypeError('history must be an array of TrainEvents or JSONL text');
  return history.map((e, i) => toTrainEvent(e, `history[${i}]`));
}
