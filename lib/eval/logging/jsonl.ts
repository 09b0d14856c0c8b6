/**
 * JSONL metrics log: one JSON object per line (a TrainEvent, or any flat record of metrics). JSON has
 * no NaN or Infinity, and a NaN loss is exactly what a log must not lose, so non-finite numbers are
 * written as the strings "NaN", "Infinity", "-Infinity" (read back by `parseTrainLog`/`readJsonlLog`).
 * Lines are appended whole, one write per flush, so the log can be tailed while training runs.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LmforgeError, checkArg } from '../../errors.js';

export function toJsonLine(record: Record<string, unknown>): string {
  return JSON.stringify(record, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v);
}

export class JsonlLogger {
  private pending: string[] = [];
  constructor(readonly path: string, private readonly options: { flushEvery?: number } = {}) {
    checkArg(typeof path === 'string' && path.length > 0, 'path', 'a non-empty string', path);
    mkdirSync(dirname(path), { recursive: true });
  }

  log(record: object): void {
    checkArg(typeof record === 'object' && record !== null && !Array.isArray(record), 'record', 'an object', record);
    this.pending.push(toJsonLine(record as Record<string, unknown>) + '\n');
    if (this.pending.length >= (this.options.flushEvery ?? 1)) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    appendFileSync(this.path, this.pending.join(''));
    this.pending = [];
  }

  close(): void { this.flush(); }
}

/** Reads a JSONL file written by {@link JsonlLogger}, restoring non-finite numbers. */
export function readJsonlLog(path: string): Record<string, unknown>[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Record<string, unknown>[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line, (_k, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v)) as Record<string, unknown>);
    } catch (err) {
      throw new LmforgeError('EVAL_BAD_LOG', `${path} line ${i + 1} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  });
  return out;
}
