/**
 * safetensors headers (https://github.com/huggingface/safetensors): 8-byte little-endian header length,
 * a JSON header {name: {dtype, shape, data_offsets}, __metadata__?}, then raw little-endian data. The
 * header is read and checked here; the tensor bytes are memory-mapped and copied natively.
 */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { LmforgeError } from '../errors.js';
import type { SafetensorsEntry } from './native-types.js';

export interface SafetensorsHeader {
  path: string;
  /** Byte offset of the data section (8 + header length). */
  dataStart: number;
  entries: SafetensorsEntry[];
  metadata: Record<string, string>;
}

const DTYPE_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const MAX_HEADER = 100_000_000; // the reference implementation's limit

function bad(path: string, message: string): never {
  throw new LmforgeError('BAD_SAFETENSORS', `${path}: ${message}`);
}

/** Reads and validates the header of a safetensors file (without reading the tensor data). */
export function readSafetensorsHeader(path: string): SafetensorsHeader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new LmforgeError('FILE_NOT_FOUND', `${path}: cannot open (${(err as Error).message})`, { cause: err });
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 8) bad(path, `file has ${size} bytes, too short for a safetensors header`);
    const lenBuf = Buffer.alloc(8);
    readSync(fd, lenBuf, 0, 8, 0);
    const len = Number(lenBuf.readBigUInt64LE(0));
    if (len > MAX_HEADER || 8 + len > size) bad(path, `header length ${len} does not fit in a ${size}-byte file (not a safetensors file, or truncated)`);
    const headerBuf = Buffer.alloc(len);
    readSync(fd, headerBuf, 0, len, 8);
    let json: unknown;
    try {
      json = JSON.parse(headerBuf.toString('utf8'));
    } catch (err) {
      bad(path, `header is not valid JSON (${(err as Error).message})`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) bad(path, 'header must be a JSON object');
    const dataStart = 8 + len;
    const entries: SafetensorsEntry[] = [];
    let metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
      if (key === '__metadata__') {
        metadata = (value ?? {}) as Record<string, string>;
        continue;
      }
      const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (typeof v !== 'object' || v === null) bad(path, `tensor '${key}': entry must be an object`);
      if (typeof v.dtype !== 'string' || !(v.dtype in DTYPE_BYTES)) bad(path, `tensor '${key}': unsupported dtype ${JSON.stringify(v.dtype)}`);
      if (!Array.isArray(v.shape) || !v.shape.every((d) => Number.isInteger(d) && d >= 0)) bad(path, `tensor '${key}': shape must be an array of non-negative integers`);
      const off = v.data_offsets;
      if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isInteger(d) && d >= 0)) bad(path, `tensor '${key}': data_offsets must be [begin, end]`);
      const [begin, end] = off as [number, number];
      const numel = (v.shape as number[]).reduce((a, b) => a * b, 1);
      if (end - begin !== numel * DTYPE_BYTES[v.dtype]) bad(path, `tensor '${key}': data_offsets [${begin}, ${end}] hold ${end - begin} bytes but shape [${v.shape}] of ${v.dtype} needs ${numel * DTYPE_BYTES[v.dtype]}`);
      if (dataStart + end > size) bad(path, `tensor '${key}' ends at byte ${dataStart + end} but the file has ${size} bytes (truncated?)`);
      entries.push({ key, dtype: v.dtype, shape: v.shape as number[], begin, end });
    }
    return { path, dataStart, entries, metadata };
  } finally {
    closeSync(fd);
  }
}
