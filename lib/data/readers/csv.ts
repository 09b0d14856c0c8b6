import { parse, type CsvError } from 'csv-parse';
import type { InputPaths } from '../io/files.js';
import { openInput } from '../io/open.js';
import { fileReader } from './base.js';
import type { Reader, ReadItem } from './types.js';

export interface CsvReaderOptions {
  paths: InputPaths;
  /** Column holding the text. Default 'text'. */
  textField?: string;
  idField?: string;
  /** Default ','. */
  delimiter?: string;
  extensions?: string[];
}

/**
 * CSV with a header row, parsed by csv-parse (RFC 4180 quoting, multi-line fields).
 * Malformed rows and rows without the text column are rejected with their line and the run goes on.
 */
export function csvReader(options: CsvReaderOptions): Reader<Omit<CsvReaderOptions, 'paths'>> {
  const textField = options.textField ?? 'text';
  const delimiter = options.delimiter ?? ',';
  const config = { textField, delimiter, ...(options.idField ? { idField: options.idField } : {}) };
  return fileReader('csv', config, options.paths, options.extensions, async function* (file, key): AsyncIterable<ReadItem> {
    const skipped: ReadItem[] = [];
    const parser = parse({ columns: true, delimiter, bom: true, info: true, skip_empty_lines: true, skip_records_with_error: true });
    parser.on('skip', (err: CsvError) => {
      const line = (err as CsvError & { lines?: number }).lines;
      skipped.push({ reject: { file, ...(line !== undefined ? { line } : {}), reason: `bad CSV row: ${err.message}` } });
    });
    const input = await openInput(file);
    input.on('error', (err) => parser.destroy(err));
    input.pipe(parser);
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      while (skipped.length) yield skipped.shift()!;
      const line = row.info.lines;
      const text = row.record[textField];
      if (typeof text !== 'string') {
        yield { reject: { file, line, reason: `missing text column "${textField}"` } };
        continue;
      }
      const idValue = options.idField ? row.record[options.idField] : undefined;
      const meta: Record<string, unknown> = { source: key, line };
      for (const [k, v] of Object.entries(row.record)) if (k !== textField && k !== options.idField) meta[k] = v;
      yield { record: { id: idValue ? String(idValue) : `${key}:${line}`, text, meta } };
    }
    while (skipped.length) yield skipped.shift()!;
  });
}
