import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { LmforgeError } from '../../errors.js';

/** Input selector: files, directories (walked recursively) and glob patterns, alone or mixed. */
export type InputPaths = string | string[];

export interface ExpandOptions {
  /** Keep only files whose name ends with one of these (e.g. ['.jsonl', '.jsonl.gz']). */
  extensions?: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands paths to a sorted, de-duplicated list of absolute file paths. Sorting makes runs and
 * shard assignment reproducible whatever order the filesystem lists entries in.
 */
export async function expandInputs(paths: InputPaths, options: ExpandOptions = {}): Promise<string[]> {
  const list = Array.isArray(paths) ? paths : [paths];
  if (list.length === 0 || list.some((p) => typeof p !== 'string' || p.length === 0)) {
    throw new LmforgeError('E_OPTION', 'paths must be a non-empty string or array of non-empty strings');
  }
  const out = new Set<string>();
  const keep = (f: string): boolean => !options.extensions || options.extensions.some((e) => f.endsWith(e));
  for (const p of list) {
    if (GLOB_CHARS.test(p)) {
      const found = await glob(p, { absolute: true, onlyFiles: true });
      if (found.length === 0) throw new LmforgeError('E_INPUT', `glob ${p} matched no files`);
      for (const f of found) if (keep(f)) out.add(resolve(f));
      continue;
    }
    const st = await fsp.stat(p).catch((err: unknown) => {
      throw new LmforgeError('E_INPUT', `input path ${p} does not exist or cannot be read: ${(err as Error).message}`, { cause: err });
    });
    if (st.isDirectory()) {
      const found = await glob('**/*', { cwd: p, absolute: true, onlyFiles: true, dot: false });
      for (const f of found) if (keep(f)) out.add(resolve(f));
    } else {
      out.add(resolve(p));
    }
  }
  return [...out].sort();
}
