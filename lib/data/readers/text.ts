import { promises as fsp } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import type { InputPaths } from '../io/files.js';
import { decodeUtf8, detectCompression, readRawLines } from '../io/open.js';
import { fileReader } from './base.js';
import type { Reader, ReadItem } from './types.js';

export interface TextReaderOptions {
  paths: InputPaths;
  /** 'line': every non-empty line is a document (id `file:line`); 'file': each file is one document. Default 'line'. */
  unit?: 'line' | 'file';
  extensions?: string[];
}

/** Plain UTF-8 text (gzip/zstd transparently); invalid UTF-8 is rejected with file and line. */
export function textReader(options: TextReaderOptions): Reader<Omit<TextReaderOptions, 'paths'>> {
  const unit = options.unit ?? 'line';
  const config = { unit, ...(options.extensions ? { extensions: options.extensions } : {}) };
  return fileReader('text', config, options.paths, options.extensions, unit === 'line' ? readLines : readWhole);
}

async function* readLines(file: string, key: string): AsyncIterable<ReadItem> {
  for await (const { line, bytes } of readRawLines(file)) {
    const text = decodeUtf8(bytes);
    if (text === null) {
      yield { reject: { file, line, reason: 'invalid UTF-8' } };
      continue;
    }
    if (text.trim().length === 0) continue;
    yield { record: { id: `${key}:${line}`, text, meta: { source: key, line } } };
  }
}

async function* readWhole(file: string, key: string): AsyncIterable<ReadItem> {
  let bytes: Uint8Array = await fsp.readFile(file);
  const c = await detectCompression(file);
  if (c === 'gzip') bytes = gunzipSync(bytes);
  else if (c === 'zstd') bytes = zstdDecompress(bytes);
  const text = decodeUtf8(bytes);
  if (text === null) {
    yield { reject: { file, reason: 'invalid UTF-8' } };
    return;
  }
  yield { record: { id: key, text, meta: { source: key } } };
}
