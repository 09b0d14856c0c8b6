import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { LmforgeError } from '../../errors.js';
import { tempPathFor, commitTempFile } from '../../util/atomic.js';
import type { DataRecord } from '../record.js';
import type { ShardInfo, Writer } from './types.js';

export interface JsonlWriterOptions {
  /** Start a new shard after this many records. Default 100,000. */
  maxRecords?: number;
  /** Start a new shard once this many uncompressed bytes are written. Default 256 MiB. */
  maxBytes?: number;
  /** gzip the shards (`.jsonl.gz`). Default false. */
  gzip?: boolean;
}

interface OpenShard {
  name: string;
  tmp: string;
  file: WriteStream;
  gzip: Gzip | null;
  hash: Hash;
  records: number;
  bytes: number;
  pending: string[];
  pendingBytes: number;
}

/**
 * Sharded JSON Lines, one `{"id","text","meta"}` object per line. Each shard is streamed into a
 * temp file and renamed into place when complete, so a crash never leaves a truncated shard
 * under its final name. gzip output is byte-reproducible (zlib writes no timestamp).
 */
export function jsonlWriter(options: JsonlWriterOptions = {}): Writer<Required<JsonlWriterOptions>> {
  const config = { maxRecords: options.maxRecords ?? 100_000, maxBytes: options.maxBytes ?? 256 * 1024 * 1024, gzip: options.gzip ?? false };
  if (!Number.isInteger(config.maxRecords) || config.maxRecords < 1) throw new LmforgeError('E_OPTION', `jsonlWriter: maxRecords must be a positive integer, got ${config.maxRecords}`);
  if (!(config.maxBytes > 0)) throw new LmforgeError('E_OPTION', `jsonlWriter: maxBytes must be positive, got ${config.maxBytes}`);
  let dir = '';
  let prefix = '';
  let current: OpenShard | null = null;
  let index = 0;
  const done: ShardInfo[] = [];

  const startShard = (): OpenShard => {
    const name = `${prefix}-${String(index++).padStart(5, '0')}.jsonl${config.gzip ? '.gz' : ''}`;
    const tmp = tempPathFor(join(dir, name));
    const file = createWriteStream(tmp);
    const hash = createHash('sha256');
    let gzip: Gzip | null = null;
    if (config.gzip) {
      gzip = createGzip({ level: 6 });
      gzip.on('data', (chunk: Buffer) => hash.update(chunk));
      gzip.pipe(file);
    }
    return { name, tmp, file, gzip, hash, records: 0, bytes: 0, pending: [], pendingBytes: 0 };
  };

  const flush = async (s: OpenShard): Promise<void> => {
    if (s.pending.length === 0) return;
    const buf = Buffer.from(s.pending.join(''), 'utf8');
    s.pending = [];
    s.pendingBytes = 0;
    const target = s.gzip ?? s.file;
    if (!s.gzip) s.hash.update(buf);
    if (!target.write(buf)) await new Promise<void>((resolve) => target.once('drain', resolve));
  };

  const finishShard = async (s: OpenShard): Promise<void> => {
    await flush(s);
    await new Promise<void>((resolve, reject) => {
      s.file.once('error', reject);
      s.file.once('finish', resolve);
      if (s.gzip) s.gzip.end(); else s.file.end();
    });
    await commitTempFile(s.tmp, join(dir, s.name));
    const st = await fsp.stat(join(dir, s.name));
    done.push({ path: s.name, records: s.records, bytes: st.size, sha256: s.hash.digest('hex') });
  };

  return {
    name: 'jsonl',
    config,
    async open(outputDir: string, filePrefix: string): Promise<void> {
      dir = outputDir;
      prefix = filePrefix;
      await fsp.mkdir(dir, { recursive: true });
    },
    async write(record: DataRecord): Promise<void> {
      if (!current) current = startShard();
      const line = JSON.stringify({ id: record.id, text: record.text, meta: record.meta }) + '\n';
      const n = Buffer.byteLength(line, 'utf8');
      current.pending.push(line);
      current.pendingBytes += n;
      current.bytes += n;
      current.records++;
      if (current.pendingBytes >= 1 << 20) await flush(current);
      if (current.records >= config.maxRecords || current.bytes >= config.maxBytes) {
        await finishShard(current);
        current = null;
      }
    },
    async close(): Promise<ShardInfo[]> {
      if (current) await finishShard(current);
      current = null;
      return done.slice();
    },
    async abort(): Promise<void> {
      const s = current;
      current = null;
      if (!s) return;
      await new Promise<void>((resolve) => {
        if (s.file.closed) resolve();
        else { s.file.once('close', () => resolve()); s.gzip?.destroy(); s.file.destroy(); }
      });
      await fsp.unlink(s.tmp).catch(() => undefined);
    },
  };
}
