import { promises as fsp } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { expandInputs, type InputPaths } from '../io/files.js';
import type { Reader, ReadItem, ShardSpec } from './types.js';

/** Longest common directory of the files; ids are relative to it so they do not depend on where the data lives. */
export function commonRoot(files: string[]): string {
  if (files.length === 0) return '';
  let root = dirname(files[0]!);
  for (const f of files) {
    while (root.length > 1 && !(f === root || f.startsWith(root.endsWith(sep) ? root : root + sep))) root = dirname(root);
  }
  return root;
}

/** Record id prefix for a file: its path relative to the inputs' common root, with `/` separators. */
export function fileKey(root: string, file: string): string {
  return relative(root, file).split(sep).join('/') || file;
}

/**
 * Shared reader plumbing: path expansion, sharding and reproducible file order.
 * Sharding assigns whole files round-robin when there are at least as many files as shards
 * (each machine reads only its files); otherwise every machine reads all files and keeps every
 * count-th record, so a single big file can still be split.
 */
export function fileReader<C>(
  name: string,
  config: C,
  paths: InputPaths,
  extensions: string[] | undefined,
  readFile: (file: string, key: string, bytes?: Buffer) => AsyncIterable<ReadItem>,
  /** Whole-file readers: read this many files ahead (bounded) so disk latency overlaps parsing. */
  prefetch = 0,
): Reader<C> {
  let cache: Promise<string[]> | undefined;
  const all = (): Promise<string[]> => (cache ??= expandInputs(paths, extensions ? { extensions } : {}));
  const byFile = (files: string[], shard?: ShardSpec): boolean => !!shard && shard.count > 1 && files.length >= shard.count;
  return {
    name,
    config,
    async files(shard?: ShardSpec): Promise<string[]> {
      const files = await all();
      return byFile(files, shard) ? files.filter((_, i) => i % shard!.count === shard!.index) : files;
    },
    async *read(shard?: ShardSpec): AsyncIterable<ReadItem> {
      const files = await all();
      const root = commonRoot(files);
      const fileSharded = byFile(files, shard);
      let ordinal = 0;
      const mine = files.filter((_, i) => !fileSharded || i % shard!.count === shard!.index);
      const ahead = new Map<number, Promise<Buffer>>();
      const fetch = (j: number): void => {
        if (prefetch > 0 && j < mine.length && !ahead.has(j)) {
          const p = fsp.readFile(mine[j]!);
          p.catch(() => undefined); // errors surface when the file's turn comes
          ahead.set(j, p);
        }
      };
      for (let i = 0; i < mine.length; i++) {
        for (let j = i; j <= i + prefetch; j++) fetch(j);
        let bytes: Buffer | undefined;
        let line = 0;
        try {
          if (prefetch > 0) { bytes = await ahead.get(i)!; ahead.delete(i); }
          for await (const item of readFile(mine[i]!, fileKey(root, mine[i]!), bytes)) {
            if (item.reject?.line !== undefined) line = item.reject.line;
            else if (typeof item.record?.meta['line'] === 'number') line = item.record.meta['line'] as number;
            if (shard && shard.count > 1 && !fileSharded && ordinal++ % shard.count !== shard.index) continue;
            yield item;
          }
        } catch (err) {
          // A file that breaks mid-way (truncated gzip, I/O error) is recorded and the run goes on;
          // what it yielded before the break stays.
          const where = line ? ` after line ${line}` : '';
          yield { reject: { file: mine[i]!, ...(line ? { line: line + 1 } : {}), reason: `unreadable file${where}: ${(err as Error).message}` } };
        }
      }
    },
  };
}
