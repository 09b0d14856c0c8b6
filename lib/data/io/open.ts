import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { Decompress } from 'fzstd';
import { LmforgeError } from '../../errors.js';

export type Compression = 'none' | 'gzip' | 'zstd';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Compression of a file, from its first bytes (so a mis-named file still reads right). */
export async function detectCompression(path: string): Promise<Compression> {
  const fh = await fsp.open(path, 'r').catch((err: unknown) => {
    throw new LmforgeError('E_INPUT', `cannot open input file ${path}: ${(err as Error).message}`, { cause: err });
  });
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    if (bytesRead >= 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1]) return 'gzip';
    if (bytesRead >= 4 && ZSTD_MAGIC.every((b, i) => buf[i] === b)) return 'zstd';
    return 'none';
  } finally {
    await fh.close();
  }
}

// fzstd is a pure-JS streaming decoder (Node 20's zlib has no zstd); wrapped as a Transform.
function zstdTransform(): Transform {
  let decoder: Decompress;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try { decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)); cb(); } catch (err) { cb(err as Error); }
    },
    flush(cb) {
      try { decoder.push(new Uint8Array(0), true); cb(); } catch (err) { cb(err as Error); }
    },
  });
  decoder = new Decompress((data) => { t.push(Buffer.from(data)); });
  return t;
}

/** The decompressed bytes of a file as a stream (gzip and zstd detected by magic bytes). */
export async function openInput(path: string): Promise<Readable> {
  const compression = await detectCompression(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (compression === 'none') return raw;
  const dec = compression === 'gzip' ? createGunzip() : zstdTransform();
  raw.on('error', (err) => dec.destroy(err));
  return raw.pipe(dec);
}

export interface RawLine {
  /** 1-based line number in the decompressed file. */
  line: number;
  bytes: Buffer;
}

/** Lines of a (possibly compressed) file as raw bytes, without the trailing `\n` / `\r\n`. */
export async function* readRawLines(path: string): AsyncGenerator<RawLine> {
  const stream = await openInput(path);
  let carry: Buffer | null = null;
  let lineNo = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = null;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0) break;
        const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        yield { line: ++lineNo, bytes: buf.subarray(start, end) };
        start = nl + 1;
      }
      if (start < buf.length) carry = Buffer.from(buf.subarray(start));
    }
  } catch (err) {
    if (err instanceof LmforgeError) throw err;
    throw new LmforgeError('E_INPUT', `cannot read ${path} after line ${lineNo}: ${(err as Error).message}`, { cause: err });
  }
  if (carry && carry.length > 0) {
    const end = carry[carry.length - 1] === 0x0d ? carry.length - 1 : carry.length;
    yield { line: ++lineNo, bytes: carry.subarray(0, end) };
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly; returns null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
