import { readFile } from 'node:fs/promises';
import { LmforgeError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { ImportReject, ImportResult } from './types.js';

export interface ImportOptions {
  /** Where to write the rejects as JSONL (one object per reject: file, item, itemId, field, reason). */
  rejectsPath?: string;
  /** Name used for the source in messages and rejects when data is passed instead of a path. */
  file?: string;
}

/** Reads and parses a JSON (or JSONL) export; errors name the file and line. */
export async function loadExport(source: string | readonly unknown[] | Record<string, unknown>, options: ImportOptions, where: string): Promise<{ data: unknown; file: string }> {
  if (typeof source !== 'string') return { data: source, file: options.file ?? '<data>' };
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (err) {
    throw new LmforgeError('E_READ', `${where}: cannot read ${source}: ${(err as Error).message}`, { cause: err });
  }
  const file = options.file ?? source;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return { data: JSON.parse(text), file };
    } catch (err) {
      // A file of one JSON object per line (JSONL) also starts with '{'.
      if (!trimmed.startsWith('{')) throw new LmforgeError('E_PARSE', `${where}: ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  const rows: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line));
    } catch (err) {
      throw new LmforgeError('E_PARSE', `${where}: ${file} line ${i + 1} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  });
  return { data: rows, file };
}

export async function finishImport(result: ImportResult, options: ImportOptions): Promise<ImportResult> {
  if (options.rejectsPath !== undefined) {
    await writeFileAtomic(options.rejectsPath, result.rejects.map((r) => JSON.stringify(r)).join('\n') + (result.rejects.length ? '\n' : ''));
  }
  return result;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Collects rejects with the file name filled in. */
export class RejectLog {
  readonly rejects: ImportReject[] = [];
  constructor(private readonly file: string) {}
  add(item: number, itemId: string | undefined, field: string, reason: string): void {
    const r: ImportReject = { file: this.file, item, field, reason };
    if (itemId !== undefined) r.itemId = itemId;
    this.rejects.push(r);
  }
}
