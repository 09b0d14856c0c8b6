import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { LmforgeError } from '../errors.js';
import type { ShardSpec } from './readers/types.js';
import type { ShardInfo } from './writers/types.js';

export interface InputFingerprint {
  path: string;
  size: number;
  /** Modification time, ISO 8601. */
  mtime: string;
  sha256: string;
}

export interface PipelineConfigEntry {
  name: string;
  config: unknown;
}

/**
 * What a pipeline run produced and from what: enough to tell whether two runs are the same data
 * (output sha256s), why they differ (inputs, config, counts), and to let DVC/git-lfs track plain files.
 * It holds no wall-clock time, so the same inputs and config give a byte-identical manifest.
 */
export interface Manifest {
  format: 'lmforge-data-manifest';
  formatVersion: 1;
  lmforgeVersion: string;
  shard: ShardSpec | null;
  pipeline: { reader: PipelineConfigEntry; steps: PipelineConfigEntry[]; writer: PipelineConfigEntry };
  inputs: InputFingerprint[];
  outputs: ShardInfo[];
  rejects: { path: string; records: number; sha256: string };
  counts: { in: number; kept: number; rejected: number; filtered: Record<string, number> };
}

/** Size, mtime and sha256 of a file (streamed, so any size). */
export async function fingerprintFile(path: string): Promise<InputFingerprint> {
  const st = await fsp.stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { path, size: st.size, mtime: new Date(st.mtimeMs).toISOString(), sha256: hash.digest('hex') };
}

/** Reads `manifest.json` from a file path or from a run's output directory. */
export async function readManifest(pathOrDir: string): Promise<Manifest> {
  let path = pathOrDir;
  const st = await fsp.stat(pathOrDir).catch(() => null);
  if (!st) throw new LmforgeError('E_INPUT', `manifest ${pathOrDir} does not exist`);
  if (st.isDirectory()) path = join(pathOrDir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fsp.readFile(path, 'utf8'));
  } catch (err) {
    throw new LmforgeError('E_INPUT', `cannot read manifest ${path}: ${(err as Error).message}`, { cause: err });
  }
  if ((parsed as Partial<Manifest>)?.format !== 'lmforge-data-manifest') {
    throw new LmforgeError('E_INPUT', `${path} is not an lmforge data manifest (no "format": "lmforge-data-manifest")`);
  }
  return parsed as Manifest;
}

export interface ValueChange {
  /** JSON path, e.g. `pipeline.steps[2].config.minScore`. */
  path: string;
  a: unknown;
  b: unknown;
}

export interface CountChange {
  key: string;
  a: number;
  b: number;
  delta: number;
}

export interface ManifestDiff {
  identical: boolean;
  inputs: { added: string[]; removed: string[]; changed: string[] };
  config: ValueChange[];
  outputs: { added: string[]; removed: string[]; changed: string[] };
  counts: CountChange[];
  versions: { a: string; b: string };
}

function diffValues(a: unknown, b: unknown, path: string, out: ValueChange[]): void {
  if (a === b) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[${i}]`, out);
    } else {
      const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
      for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) diffValues(ao[k], bo[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  out.push({ path, a: a ?? null, b: b ?? null });
}

function diffByKey<T>(a: T[], b: T[], key: (x: T) => string, same: (x: T, y: T) => boolean): { added: string[]; removed: string[]; changed: string[] } {
  const am = new Map(a.map((x) => [key(x), x]));
  const bm = new Map(b.map((x) => [key(x), x]));
  const added = [...bm.keys()].filter((k) => !am.has(k)).sort();
  const removed = [...am.keys()].filter((k) => !bm.has(k)).sort();
  const changed = [...am.keys()].filter((k) => bm.has(k) && !same(am.get(k)!, bm.get(k)!)).sort();
  return { added, removed, changed };
}

/** What changed from manifest A to manifest B: inputs, pipeline config, output shards and counts. */
export function diffManifests(a: Manifest, b: Manifest): ManifestDiff {
  const inputs = diffByKey(a.inputs, b.inputs, (x) => x.path, (x, y) => x.sha256 === y.sha256);
  const outputs = diffByKey(a.outputs, b.outputs, (x) => x.path, (x, y) => x.sha256 === y.sha256);
  const config: ValueChange[] = [];
  diffValues(a.pipeline, b.pipeline, 'pipeline', config);
  const counts: CountChange[] = [];
  const flat = (m: Manifest): Record<string, number> => {
    const r: Record<string, number> = { in: m.counts.in, kept: m.counts.kept, rejected: m.counts.rejected };
    for (const [k, v] of Object.entries(m.counts.filtered)) r[`filtered:${k}`] = v;
    return r;
  };
  const fa = flat(a), fb = flat(b);
  for (const k of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    const x = fa[k] ?? 0, y = fb[k] ?? 0;
    if (x !== y) counts.push({ key: k, a: x, b: y, delta: y - x });
  }
  const identical = inputs.added.length + inputs.removed.length + inputs.changed.length + outputs.added.length + outputs.removed.length + outputs.changed.length + config.length + counts.length === 0
    && a.rejects.sha256 === b.rejects.sha256;
  return { identical, inputs, config, outputs, counts, versions: { a: a.lmforgeVersion, b: b.lmforgeVersion } };
}

/** A readable report of a {@link ManifestDiff} (what `lmforge data diff A B` prints). */
export function formatManifestDiff(d: ManifestDiff): string {
  if (d.identical) return 'identical: same inputs, config, counts and output hashes';
  const lines: string[] = [];
  const list = (title: string, g: { added: string[]; removed: string[]; changed: string[] }): void => {
    for (const p of g.added) lines.push(`${title} + ${p}`);
    for (const p of g.removed) lines.push(`${title} - ${p}`);
    for (const p of g.changed) lines.push(`${title} ~ ${p}`);
  };
  if (d.versions.a !== d.versions.b) lines.push(`lmforge ${d.versions.a} -> ${d.versions.b}`);
  list('input', d.inputs);
  for (const c of d.config) lines.push(`config ${c.path}: ${JSON.stringify(c.a)} -> ${JSON.stringify(c.b)}`);
  for (const c of d.counts) lines.push(`count ${c.key}: ${c.a} -> ${c.b} (${c.delta >= 0 ? '+' : ''}${c.delta})`);
  list('output', d.outputs);
  return lines.join('\n');
}
