/**
 * TensorBoard event files written directly: TFRecord framing (length, masked CRC32C of the length,
 * payload, masked CRC32C of the payload) around hand-encoded `tensorflow.Event` protobufs holding
 * scalar summaries (`Summary.Value.simple_value`), which every TensorBoard version reads. A reader is
 * included so files can be checked (CRCs verified) without TensorFlow.
 *
 * Event files are append-only streams that TensorBoard tails while training runs, so they are written
 * by appending whole records (not by temp-file-and-rename, which would rewrite the file at each flush);
 * a crash can at worst leave a truncated last record, which TensorBoard's reader skips.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LmforgeError, checkArg } from '../../errors.js';
import type { TrainEvent } from '../../model/contracts.js';
import { crc32c, maskCrc, unmaskCrc } from './crc32c.js';

// ---- protobuf encoding (only what Event/Summary need) ----
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) { out.push((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
  out.push(v);
  return out;
}
const key = (field: number, wire: number): number[] => varint(field * 8 + wire);
function lenDelimited(field: number, bytes: Uint8Array | number[]): number[] {
  return [...key(field, 2), ...varint(bytes.length), ...bytes];
}
function double(field: number, v: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [...key(field, 1), ...b];
}
function float(field: number, v: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return [...key(field, 5), ...b];
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Encodes a tensorflow.Event: wall_time=1 (double), step=2 (int64), file_version=3, summary=5. */
export function encodeEvent(e: { wallTime: number; step: number; fileVersion?: string; scalars?: { tag: string; value: number }[] }): Uint8Array {
  const bytes: number[] = [...double(1, e.wallTime)];
  if (e.step !== 0) bytes.push(...key(2, 0), ...varint(e.step));
  if (e.fileVersion !== undefined) bytes.push(...lenDelimited(3, utf8(e.fileVersion)));
  if (e.scalars && e.scalars.length) {
    const summary: number[] = [];
    for (const s of e.scalars) summary.push(...lenDelimited(1, [...lenDelimited(1, utf8(s.tag)), ...float(2, s.value)]));
    bytes.push(...lenDelimited(5, summary));
  }
  return Uint8Array.from(bytes);
}

/** Frames one record: uint64 length, masked crc(length), data, masked crc(data), little-endian. */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(data.length), true);
  dv.setUint32(8, maskCrc(crc32c(out.subarray(0, 8))), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskCrc(crc32c(data)), true);
  return out;
}

export interface TensorBoardOptions {
  /** Appended to the file name (as PyTorch's SummaryWriter `filename_suffix`). */
  filenameSuffix?: string;
  /** Write buffered records after this many scalars. Default 1 (every scalar; cheap appends). */
  flushEvery?: number;
}

let writerCount = 0;

/** Writes scalar summaries to `<logDir>/events.out.tfevents.<time>.<host>.<pid>.<n>`, as TensorBoard expects. */
export class TensorBoardWriter {
  readonly path: string;
  private pending: Uint8Array[] = [];
  private pendingScalars = 0;
  private closed = false;
  private readonly flushEvery: number;

  constructor(logDir: string, options: TensorBoardOptions = {}) {
    checkArg(typeof logDir === 'string' && logDir.length > 0, 'logDir', 'a non-empty string', logDir);
    this.flushEvery = options.flushEvery ?? 1;
    checkArg(Number.isInteger(this.flushEvery) && this.flushEvery >= 1, 'options.flushEvery', 'a positive integer', this.flushEvery);
    mkdirSync(logDir, { recursive: true });
    const now = Date.now() / 1000;
    const host = hostname().replace(/[^A-Za-z0-9._-]/g, '_');
    this.path = join(logDir, `events.out.tfevents.${Math.floor(now)}.${host}.${process.pid}.${writerCount++}${options.filenameSuffix ?? ''}`);
    // The first record announces the format version, as TensorFlow's writers do.
    appendFileSync(this.path, tfRecord(encodeEvent({ wallTime: now, step: 0, fileVersion: 'brain.Event:2' })));
  }

  /** One scalar at one step. NaN and Inf are written as-is (TensorBoard shows them). */
  addScalar(tag: string, value: number, step: number, wallTime = Date.now() / 1000): void {
    this.addScalars({ [tag]: value }, step, wallTime);
  }

  /** Several scalars sharing a step, in one event. */
  addScalars(values: Record<string, number>, step: number, wallTime = Date.now() / 1000): void {
    if (this.closed) throw new LmforgeError('EVAL_CLOSED', `TensorBoardWriter for ${this.path} is closed`);
    checkArg(Number.isInteger(step) && step >= 0 && step <= Number.MAX_SAFE_INTEGER, 'step', 'a non-negative integer', step);
    const scalars = Object.entries(values).map(([tag, value]) => {
      checkArg(tag.length > 0, 'tag', 'a non-empty string', tag);
      checkArg(typeof value === 'number', `values.${tag}`, 'a number', value);
      return { tag, value };
    });
    if (scalars.length === 0) return;
    this.pending.push(tfRecord(encodeEvent({ wallTime, step, scalars })));
    this.pendingScalars += scalars.length;
    if (this.pendingScalars >= this.flushEvery) this.flush();
  }

  /** Maps a training-loop event to the usual tags (train/loss, train/lr, ..., eval/loss, eval/perplexity). */
  logTrainEvent(e: TrainEvent): void {
    const v: Record<string, number> = {};
    const put = (tag: string, x: number | undefined): void => { if (typeof x === 'number') v[tag] = x; };
    if (e.type === 'step') {
      put('train/loss', e.loss); put('train/lr', e.lr); put('train/grad_norm', e.gradNorm); put('train/tokens_per_second', e.tokensPerSecond);
    } else if (e.type === 'eval') {
      put('eval/loss', e.valLoss); put('eval/perplexity', e.valPerplexity);
    }
    this.addScalars(v, e.step);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const total = this.pending.reduce((a, b) => a + b.length, 0);
    const buf = new Uint8Array(total);
    let off = 0;
    for (const p of this.pending) { buf.set(p, off); off += p.length; }
    appendFileSync(this.path, buf);
    this.pending = [];
    this.pendingScalars = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}

// ---- reading back ----
export interface TensorBoardEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars: { tag: string; value: number }[];
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array, readonly where: string) {}
  varint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.b.length) throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${this.where}: truncated varint`);
      const byte = this.b[this.pos++]!;
      result += (byte & 0x7f) * mul;
      if (!(byte & 0x80)) return result;
      mul *= 128;
    }
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.b.length) throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${this.where}: truncated field`);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.take(8);
    else if (wire === 2) this.take(this.varint());
    else if (wire === 5) this.take(4);
    else throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${this.where}: unsupported wire type ${wire}`);
  }
}

function decodeValue(b: Uint8Array, where: string): { tag: string; value: number } | null {
  const r = new Reader(b, where);
  let tag = '';
  let value: number | null = null;
  while (r.pos < b.length) {
    const k = r.varint();
    const field = Math.floor(k / 8);
    const wire = k & 7;
    if (field === 1 && wire === 2) tag = new TextDecoder().decode(r.take(r.varint()));
    else if (field === 2 && wire === 5) value = new DataView(r.take(4).slice().buffer).getFloat32(0, true);
    else r.skip(wire);
  }
  return value === null ? null : { tag, value };
}

export function decodeEvent(b: Uint8Array, where = 'event'): TensorBoardEvent {
  const r = new Reader(b, where);
  const ev: TensorBoardEvent = { wallTime: 0, step: 0, scalars: [] };
  while (r.pos < b.length) {
    const k = r.varint();
    const field = Math.floor(k / 8);
    const wire = k & 7;
    if (field === 1 && wire === 1) ev.wallTime = new DataView(r.take(8).slice().buffer).getFloat64(0, true);
    else if (field === 2 && wire === 0) ev.step = r.varint();
    else if (field === 3 && wire === 2) ev.fileVersion = new TextDecoder().decode(r.take(r.varint()));
    else if (field === 5 && wire === 2) {
      const s = new Reader(r.take(r.varint()), where);
      while (s.pos < s.b.length) {
        const sk = s.varint();
        if (Math.floor(sk / 8) === 1 && (sk & 7) === 2) {
          const v = decodeValue(s.take(s.varint()), where);
          if (v) ev.scalars.push(v);
        } else s.skip(sk & 7);
      }
    } else r.skip(wire);
  }
  return ev;
}

/** Reads an event file, verifying both CRCs of every record; errors name the file and byte offset. */
export function readTensorBoardEvents(path: string): TensorBoardEvent[] {
  const buf = new Uint8Array(readFileSync(path));
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: TensorBoardEvent[] = [];
  let off = 0;
  while (off < buf.length) {
    if (off + 12 > buf.length) throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${path}: truncated record header at byte ${off}`);
    const len = Number(dv.getBigUint64(off, true));
    if (unmaskCrc(dv.getUint32(off + 8, true)) !== crc32c(buf.subarray(off, off + 8))) {
      throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${path}: length CRC mismatch at byte ${off}`);
    }
    if (off + 12 + len + 4 > buf.length) throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${path}: truncated record at byte ${off}`);
    const data = buf.subarray(off + 12, off + 12 + len);
    if (unmaskCrc(dv.getUint32(off + 12 + len, true)) !== crc32c(data)) {
      throw new LmforgeError('EVAL_BAD_EVENT_FILE', `${path}: data CRC mismatch in record at byte ${off}`);
    }
    out.push(decodeEvent(data, `${path} record at byte ${off}`));
    off += 12 + len + 4;
  }
  return out;
}
