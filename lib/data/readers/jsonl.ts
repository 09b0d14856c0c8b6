import type { InputPaths } from '../io/files.js';
import { decodeUtf8, readRawLines } from '../io/open.js';
import { fileReader } from './base.js';
import type { Reader, ReadItem } from './types.js';

export interface JsonlReaderOptions {
  paths: InputPaths;
  /** Field holding the text (dotted path for nested objects). Default 'text'. */
  textField?: string;
  /** Field holding the id; default `file:line`. */
  idField?: string;
  /** Copy the other top-level fields into `meta`. Default true. */
  keepFields?: boolean;
  extensions?: string[];
}

/** Reads a dotted path (`a.b.c`) from a parsed JSON object. */
export function getField(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** JSON Lines (gzip/zstd transparently). Bad JSON, invalid UTF-8 or a missing text field become rejects with file and line. */
export function jsonlReader(options: JsonlReaderOptions): Reader<Omit<JsonlReaderOptions, 'paths'>> {
  const textField = options.textField ?? 'text';
  const keepFields = options.keepFields ?? true;
  const config = { textField, keepFields, ...(options.idField ? { idField: options.idField } : {}) };
  return fileReader('jsonl', config, options.paths, options.extensions, async function* (file, key): AsyncIterable<ReadItem> {
    for await (const { line, bytes } of readRawLines(file)) {
      if (bytes.length === 0) continue;
      const raw = decodeUtf8(bytes);
      if (raw === null) { yield { reject: { file, line, reason: 'invalid UTF-8' } }; continue; }
      if (raw.trim().length === 0) continue;
      let obj: unknown;
      try { obj = JSON.parse(raw); } catch (err) {
        yield { reject: { file, line, reason: `bad JSON: ${(err as Error).message}` } };
        continue;
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        yield { reject: { file, line, reason: 'line is not a JSON object' } };
        continue;
      }
      const text = getField(obj, textField);
      if (typeof text !== 'string') {
        yield { reject: { file, line, reason: text === undefined ? `missing text field "${textField}"` : `text field "${textField}" is not a string` } };
        continue;
      }
      const idValue = options.idField ? getField(obj, options.idField) : undefined;
      const id = idValue === undefined || idValue === null ? `${key}:${line}` : String(idValue);
      const meta: Record<string, unknown> = { source: key, line };
      if (keepFields) {
        for (const [k, v] of Object.entries(obj as Record<string, unknown>)) if (k !== textField && k !== options.idField) meta[k] = v;
      }
      yield { record: { id, text, meta } };
    }
  });
}
