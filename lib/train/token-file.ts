/** Token files as nanoGPT writes them: raw little-endian uint16 (vocab <= 65,536) or uint32 ids. */
import { statSync } from 'node:fs';
import { LmforgeError, checkArg } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';

export type TokenDtype = 'uint16' | 'uint32';

/** uint16 when every id fits (vocabSize <= 65,536), else uint32. */
export function tokenDtypeFor(vocabSize: number): TokenDtype {
  return vocabSize <= 65536 ? 'uint16' : 'uint32';
}

/** Writes ids to `path` atomically in the narrowest dtype the vocabulary allows. */
export async function writeTokenFile(path: string, ids: ArrayLike<number>, vocabSize: number): Promise<TokenDtype> {
  checkArg(Number.isInteger(vocabSize) && vocabSize > 0, 'vocabSize', 'a positive integer', vocabSize);
  const dtype = tokenDtypeFor(vocabSize);
  const out = dtype === 'uint16' ? new Uint16Array(ids.length) : new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i];
    if (!Number.isInteger(t) || t < 0 || t >= vocabSize) throw new LmforgeError('BAD_TOKEN', `ids[${i}] = ${t} is outside the vocabulary (size ${vocabSize})`);
    out[i] = t;
  }
  await writeFileAtomic(path, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  return dtype;
}

/** Number of tokens in a token file. */
export function tokenFileLength(path: string, dtype: TokenDtype): number {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new LmforgeError('FILE_NOT_FOUND', `${path}: cannot stat (${(err as Error).message})`, { cause: err });
  }
  const width = dtype === 'uint16' ? 2 : 4;
  if (size % width !== 0) throw new LmforgeError('BAD_TOKEN_FILE', `${path}: ${size} bytes is not a multiple of ${width}; is dtype '${dtype}' right?`);
  return size / width;
}
