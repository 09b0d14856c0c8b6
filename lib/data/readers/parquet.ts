import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { LmforgeError } from '../../errors.js';
import type { InputPaths } from '../io/files.js';
import { fileReader } from './base.js';
import type { Reader, ReadItem } from './types.js';

export interface ParquetReaderOptions {
  paths: InputPaths;
  textField?: string;
  idField?: string;
  extensions?: string[];
}

/**
 * Parquet via hyparquet (pure JS, no native build, maintained, reads snappy/gzip/zstd pages).
 * One row group is in memory at a time, so memory is bounded by the writer's row-group size.
 */
export function parquetReader(options: ParquetReaderOptions): Reader<Omit<ParquetReaderOptions, 'paths'>> {
  const textField = options.textField ?? 'text';
  const config = { textField, ...(options.idField ? { idField: options.idField } : {}) };
  return fileReader('parquet', config, options.paths, options.extensions ?? ['.parquet'], async function* (file, key): AsyncIterable<ReadItem> {
    let buffer, metadata;
    try {
      buffer = await asyncBufferFromFile(file);
      metadata = await parquetMetadataAsync(buffer);
    } catch (err) {
      throw new LmforgeError('E_INPUT', `cannot read Parquet file ${file}: ${(err as Error).message}`, { cause: err });
    }
    const columns = metadata.schema.slice(1).map((s) => s.name);
    if (!columns.includes(textField)) {
      throw new LmforgeError('E_INPUT', `Parquet file ${file} has no column "${textField}" (columns: ${columns.join(', ')})`);
    }
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = (await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const n = rowStart + i + 1;
        const text = row[textField];
        if (typeof text !== 'string') {
          yield { reject: { file, line: n, reason: `row ${n}: text column "${textField}" is ${text === null || text === undefined ? 'null' : typeof text}` } };
          continue;
        }
        const idValue = options.idField ? row[options.idField] : undefined;
        const meta: Record<string, unknown> = { source: key, row: n };
        for (const [k, v] of Object.entries(row)) {
          if (k === textField || k === options.idField) continue;
          meta[k] = typeof v === 'bigint' ? Number(v) : v;
        }
        if (typeof meta['meta'] === 'string') {
          // Our own Parquet writer stores meta as a JSON string column: restore it.
          try { Object.assign(meta, JSON.parse(meta['meta'] as string) as Record<string, unknown>); delete meta['meta']; } catch { /* keep as string */ }
        }
        yield { record: { id: idValue !== undefined && idValue !== null ? String(idValue) : `${key}:${n}`, text, meta } };
      }
      rowStart = rowEnd;
    }
  });
}
