import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { LmforgeError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic.js';
import type { DataRecord } from '../record.js';
import type { ShardInfo, Writer } from './types.js';

export interface ParquetWriterOptions {
  /** Records per shard (each shard is one file, built in memory). Default 50,000. */
  maxRecords?: number;
  /** Start a new shard once the shard's strings reach this many UTF-8 bytes (before compression). Default 128 MiB. */
  maxBytes?: number;
  /** Records per row group inside a shard (the unit readers load at once). Default 10,000. */
  rowGroupSize?: number;
}

/**
 * Sharded Parquet with columns `id`, `text` (strings) and `meta` (JSON string, since meta is
 * schemaless), written by hyparquet-writer (pure JS, snappy) and then atomically renamed.
 */
export function parquetWriter(options: ParquetWriterOptions = {}): Writer<Required<ParquetWriterOptions>> {
  const config = { maxRecords: options.maxRecords ?? 50_000, maxBytes: options.maxBytes ?? 128 * 1024 * 1024, rowGroupSize: options.rowGroupSize ?? 10_000 };
  if (!(config.maxBytes > 0)) throw new LmforgeError('E_OPTION', `parquetWriter: maxBytes must be positive, got ${config.maxBytes}`);
  let bytes = 0;
  if (!Number.isInteger(config.maxRecords) || config.maxRecords < 1) throw new LmforgeError('E_OPTION', `parquetWriter: maxRecords must be a positive integer, got ${config.maxRecords}`);
  let dir = '';
  let prefix = '';
  let index = 0;
  let ids: string[] = [];
  let texts: string[] = [];
  let metas: string[] = [];
  const done: ShardInfo[] = [];

  const flushShard = async (): Promise<void> => {
    if (ids.length === 0) return;
    const name = `${prefix}-${String(index++).padStart(5, '0')}.parquet`;
    const buf = new Uint8Array(parquetWriteBuffer({
      columnData: [
        { name: 'id', data: ids, type: 'STRING' },
        { name: 'text', data: texts, type: 'STRING' },
        { name: 'meta', data: metas, type: 'STRING' },
      ],
      rowGroupSize: config.rowGroupSize,
    }));
    await writeFileAtomic(join(dir, name), buf);
    done.push({ path: name, records: ids.length, bytes: buf.byteLength, sha256: createHash('sha256').update(buf).digest('hex') });
    ids = []; texts = []; metas = [];
    bytes = 0;
  };

  return {
    name: 'parquet',
    config,
    async open(outputDir: string, filePrefix: string): Promise<void> {
      dir = outputDir;
      prefix = filePrefix;
      await fsp.mkdir(dir, { recursive: true });
    },
    async write(record: DataRecord): Promise<void> {
      ids.push(record.id);
      texts.push(record.text);
      const meta = JSON.stringify(record.meta);
      metas.push(meta);
      bytes += Buffer.byteLength(record.id) + Buffer.byteLength(record.text) + Buffer.byteLength(meta);
      if (ids.length >= config.maxRecords || bytes >= config.maxBytes) await flushShard();
    },
    async close(): Promise<ShardInfo[]> {
      await flushShard();
      return done.slice();
    },
  };
}
