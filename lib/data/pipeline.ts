import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { LmforgeError, checkArg } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { version } from '../version.js';
import { applyStep, type StepReject } from './apply.js';
import { configToJson } from './config.js';
import { AtomicLineWriter } from './io/linewriter.js';
import { CleanStep } from './steps/clean.js';
import { LanguageFilter } from './steps/langid.js';
import { ParallelNearDedup, ParallelStep, StepWorkerPool } from './steps/parallel.js';
import { NearDedupStep } from './steps/dedup.js';
import { C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter } from './steps/quality.js';
import type { StepSpec } from './steps/registry.js';
import { fingerprintFile, type Manifest } from './manifest.js';
import type { DataRecord, Step, StepStats } from './record.js';
import type { Reader, ReadItem, ReadReject, ShardSpec } from './readers/types.js';
import { resolveShard, shardSuffix } from './shard.js';
import type { ShardInfo, Writer } from './writers/types.js';

export interface PipelineProgress {
  read: number;
  kept: number;
  rejected: number;
}

export interface PipelineOptions {
  reader: Reader;
  steps: Step[];
  writer: Writer;
  outputDir: string;
  /** Records handed to each step at once (steps with `processBatch` see whole batches). Default 1000. */
  batchSize?: number;
  /** `i/N` or {index, count}; default from SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX, else unsharded. */
  shard?: string | ShardSpec;
  /** Fingerprint (sha256) every input file into the manifest. Default true. */
  fingerprintInputs?: boolean;
  /** Called after every batch. */
  onProgress?: (p: PipelineProgress) => void;
  /**
   * Worker threads for the built-in stateless steps (clean, language filter, Gopher and C4
   * filters, and near-dedup's signature computation): each such step runs as a
   * {@link ParallelStep} with its config, order preserved. Dedup decisions and custom steps stay
   * on the main thread. The stats then live on the steps listed in
   * the returned `steps`, not on the instances passed in. Default 1 (no threads).
   */
  workers?: number;
}

export interface PipelineStats {
  /** Items the reader produced: records plus unparseable inputs. */
  in: number;
  kept: number;
  /** Unparseable inputs plus records a step threw on; all are in rejects.jsonl. */
  rejected: number;
  /** Dropped records by `step/reason`. `in === kept + sum(filtered) + rejected` always. */
  filtered: Record<string, number>;
  /** Rejections by source (`read` or the step's name). */
  rejectedBy: Record<string, number>;
  steps: { name: string; stats: StepStats }[];
  outputs: ShardInfo[];
  shard: ShardSpec | null;
  /** Bytes of input files read (compressed size on disk). */
  bytesIn: number;
  /** Wall-clock seconds and peak RSS: returned, but not written to stats.json (which stays reproducible). */
  seconds: number;
  peakRssBytes: number;
  /** Paths of the run's files: manifest.json, stats.json, rejects.jsonl. */
  files: { manifest: string; stats: string; rejects: string };
}

function checkStep(step: Step, i: number): void {
  if (!step || typeof step !== 'object' || typeof step.name !== 'string' || !step.stats) {
    throw new TypeError(`steps[${i}] must be a Step with name, config and stats`);
  }
  if (typeof step.process !== 'function' && typeof step.processBatch !== 'function' && typeof step.finish !== 'function') {
    throw new TypeError(`steps[${i}] (${step.name}) has no process, processBatch or finish function`);
  }
}

/**
 * Runs reader → steps → writer in bounded memory (one batch in flight) and writes, in `outputDir`:
 * the writer's shards, `rejects.jsonl` (every input that could not be read or processed, with file,
 * line or step and reason), `stats.json` (the funnel per step) and `manifest.json` (hashes of inputs
 * and outputs, full config, counts). A sharded run (`shard` or scheduler env) reads only its slice
 * and suffixes its file names with `-IIIII-of-NNNNN` so all shards can share one directory.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineStats> {
  checkArg(typeof options === 'object' && options !== null, 'runPipeline: options', 'an object', options);
  const { reader, writer, outputDir } = options;
  let steps = options.steps;
  checkArg(!!reader && typeof reader.read === 'function', 'runPipeline: options.reader', 'a Reader', reader);
  checkArg(!!writer && typeof writer.write === 'function', 'runPipeline: options.writer', 'a Writer', writer);
  checkArg(Array.isArray(steps), 'runPipeline: options.steps', 'an array of steps', steps);
  checkArg(typeof outputDir === 'string' && outputDir.length > 0, 'runPipeline: options.outputDir', 'a non-empty string', outputDir);
  steps.forEach(checkStep);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new LmforgeError('E_OPTION', `runPipeline: workers must be a positive integer, got ${workers}`);
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new LmforgeError('E_OPTION', `runPipeline: batchSize must be a positive integer, got ${batchSize}`);
  const shard = resolveShard(options.shard);
  const suffix = shardSuffix(shard);
  const name = (base: string, ext: string): string => (suffix ? `${base}-${suffix}${ext}` : `${base}${ext}`);
  const started = process.hrtime.bigint();
  let peakRss = process.memoryUsage.rss();

  await fsp.mkdir(outputDir, { recursive: true });
  // One pool of worker threads hosts every built-in stateless step; the others stay here.
  let pool: StepWorkerPool | undefined;
  if (workers > 1) {
    const specs = steps.map(parallelSpecOf);
    const wanted = specs.filter((x): x is StepSpec => x !== null);
    if (wanted.length) {
      pool = await StepWorkerPool.create(wanted, workers);
      let k = 0;
      const p = pool;
      steps = steps.map((s, i) => (!specs[i] ? s : s instanceof NearDedupStep ? new ParallelNearDedup(s, p, k++) : new ParallelStep(p, k++)));
    }
  }
  try {
    return await runSteps();
  } finally {
    await pool?.close();
  }

  async function runSteps(): Promise<PipelineStats> {
    await writer.open(outputDir, suffix ? `data-${suffix}` : 'data');

    // rejects.jsonl is streamed (a corpus of bad lines must not grow memory) and renamed into place at the end.
    const rejectsPath = join(outputDir, name('rejects', '.jsonl'));
    const rejectsOut = new AtomicLineWriter(rejectsPath);
    const rejectedBy: Record<string, number> = {};
    const addReadReject = async (r: ReadReject): Promise<void> => {
      await rejectsOut.write(JSON.stringify({ source: 'read', file: r.file, ...(r.line !== undefined ? { line: r.line } : {}), reason: r.reason }));
      rejectedBy['read'] = (rejectedBy['read'] ?? 0) + 1;
    };
    const addStepReject = async (r: StepReject): Promise<void> => {
      await rejectsOut.write(JSON.stringify({ source: 'step', step: r.step, id: r.id, reason: r.reason }));
      rejectedBy[r.step] = (rejectedBy[r.step] ?? 0) + 1;
    };

    let read = 0, kept = 0;
    const runBatch = async (batch: DataRecord[]): Promise<void> => {
      let current = batch;
      for (const step of steps) {
        if (current.length === 0) break;
        const res = await applyStep(step, current);
        for (const r of res.rejects) await addStepReject(r);
        current = res.kept;
      }
      for (const rec of current) await writer.write(rec);
      kept += current.length;
      const rss = process.memoryUsage.rss();
      if (rss > peakRss) peakRss = rss;
      options.onProgress?.({ read, kept, rejected: rejectsOut.lines });
    };

    let outputs: ShardInfo[];
    let rejectsSha: string;
    const feed = readAhead(reader.read(shard), batchSize);
    try {
      for (let chunk = await feed.take(); chunk; chunk = await feed.take()) {
        read += chunk.items;
        for (const r of chunk.rejects) await addReadReject(r);
        if (chunk.records.length) await runBatch(chunk.records);
      }
      // finish() may not emit records (the Step interface has no channel for it); it lets steps flush state.
      for (const step of steps) await step.finish?.();
      outputs = await writer.close();
      rejectsSha = await rejectsOut.close();
    } catch (err) {
      feed.stop();
      await rejectsOut.abort();
      await writer.abort?.().catch(() => undefined);
      throw err;
    }

    const filtered: Record<string, number> = {};
    for (const step of steps) for (const [reason, n] of Object.entries(step.stats.filtered)) filtered[`${step.name}/${reason}`] = (filtered[`${step.name}/${reason}`] ?? 0) + n;
    const rejected = rejectsOut.lines;
    const filteredTotal = Object.values(filtered).reduce((a, b) => a + b, 0);
    if (read !== kept + filteredTotal + rejected) {
      // Cannot happen unless a step mutates its own in/kept/filtered counters; say so rather than write wrong books.
      throw new LmforgeError('E_ACCOUNTING', `record accounting failed: in=${read} but kept=${kept} + filtered=${filteredTotal} + rejected=${rejected}; does a step change stats.in/kept/filtered itself?`);
    }

    const inputFiles = await reader.files(shard);
    const inputs = options.fingerprintInputs === false
      ? await Promise.all(inputFiles.map(async (p) => { const st = await fsp.stat(p); return { path: p, size: st.size, mtime: new Date(st.mtimeMs).toISOString(), sha256: '' }; }))
      : await mapLimit(inputFiles, 4, fingerprintFile);
    const bytesIn = inputs.reduce((a, f) => a + f.size, 0);

    const stepsOut = steps.map((s) => ({ name: s.name, stats: s.stats }));
    const statsPath = join(outputDir, name('stats', '.json'));
    const statsFile = { in: read, kept, rejected, filtered, rejectedBy, steps: stepsOut, outputs: outputs.map((o) => ({ path: o.path, records: o.records })) };
    await writeFileAtomic(statsPath, JSON.stringify(statsFile, null, 2) + '\n');

    const manifest: Manifest = {
      format: 'lmforge-data-manifest',
      formatVersion: 1,
      lmforgeVersion: version,
      shard: shard ?? null,
      pipeline: {
        reader: { name: reader.name, config: configToJson(reader.config) },
        steps: steps.map((s) => ({ name: s.name, config: configToJson(s.config) })),
        writer: { name: writer.name, config: configToJson(writer.config) },
      },
      inputs,
      outputs,
      rejects: { path: name('rejects', '.jsonl'), records: rejected, sha256: rejectsSha },
      counts: { in: read, kept, rejected, filtered },
    };
    const manifestPath = join(outputDir, name('manifest', '.json'));
    await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      in: read, kept, rejected, filtered, rejectedBy, steps: stepsOut, outputs, shard: shard ?? null, bytesIn, seconds,
      peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()),
      files: { manifest: manifestPath, stats: statsPath, rejects: rejectsPath },
    };
  }
}

/** The worker spec of a built-in stateless step (its config doubles as its options), else null. */
function parallelSpecOf(step: Step): StepSpec | null {
  if (step instanceof CleanStep) return { step: 'clean', options: step.config };
  if (step instanceof LanguageFilter) return { step: 'language_filter', options: step.config };
  if (step instanceof GopherQualityFilter) return { step: 'gopher_quality', options: step.config };
  if (step instanceof GopherRepetitionFilter) return { step: 'gopher_repetition', options: step.config };
  if (step instanceof C4QualityFilter) return { step: 'c4_quality', options: step.config };
  if (step instanceof NearDedupStep) return { step: 'minhash_precompute', options: { minhash: step.config.minhash } };
  return null;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]!); }
  }));
  return out;
}

interface Chunk {
  records: DataRecord[];
  /** Read rejects met while filling this chunk, in input order. */
  rejects: ReadReject[];
  /** Items the reader produced for this chunk (records + rejects). */
  items: number;
}

/**
 * Reads one chunk ahead of the steps (at most two chunks buffered): parsing input then overlaps
 * the time the main thread waits for worker threads. Records, rejects and their order are
 * exactly those of a plain loop; a reader error is raised by `take` after the chunks before it.
 */
function readAhead(source: AsyncIterable<ReadItem>, batchSize: number): { take(): Promise<Chunk | undefined>; stop(): void } {
  const queue: Chunk[] = [];
  let done = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeTaker: (() => void) | undefined;
  let wakePutter: (() => void) | undefined;
  const signal = (which: 'taker' | 'putter'): void => {
    const f = which === 'taker' ? wakeTaker : wakePutter;
    if (which === 'taker') wakeTaker = undefined; else wakePutter = undefined;
    f?.();
  };
  const put = async (c: Chunk): Promise<void> => {
    while (queue.length >= 2 && !stopped) await new Promise<void>((r) => { wakePutter = r; });
    queue.push(c);
    signal('taker');
  };
  void (async () => {
    try {
      let chunk: Chunk = { records: [], rejects: [], items: 0 };
      for await (const item of source) {
        if (stopped) break;
        chunk.items++;
        if (item.reject) chunk.rejects.push(item.reject);
        else chunk.records.push(item.record);
        // Rejects count towards the size too, so a file of bad lines cannot grow a chunk without bound.
        if (chunk.items >= batchSize) { await put(chunk); chunk = { records: [], rejects: [], items: 0 }; }
      }
      if (chunk.items) await put(chunk);
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      signal('taker');
    }
  })();
  return {
    async take(): Promise<Chunk | undefined> {
      while (queue.length === 0 && !done) await new Promise<void>((r) => { wakeTaker = r; });
      const c = queue.shift();
      signal('putter');
      if (!c && failure) throw failure.error;
      return c;
    },
    stop(): void {
      stopped = true;
      signal('putter');
    },
  };
}
