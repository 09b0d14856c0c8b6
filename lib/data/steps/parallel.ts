import { Worker } from 'node:worker_threads';
import { LmforgeError } from '../../errors.js';
import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';
import type { StepSpec } from './registry.js';
import { MINHASH_META_KEY } from '../dedup/near.js';
import type { NearDedupStep } from './dedup.js';
import type { WorkerReply, WorkerResult } from './worker.js';

export interface ParallelStepOptions {
  /** Worker threads. Default: 2. */
  workers?: number;
}

type JobReply = Extract<WorkerReply, { id: number }>;

// Under tsx (tests, benches) this module is .ts and so is its worker; in dist both are .js.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);

function spawnWorker(specs: StepSpec[]): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData: specs });
  // Node 20 does not apply the parent's `--import tsx` loader to a worker's entry point, so the
  // worker registers tsx itself before importing the TypeScript source (development only).
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData: specs });
}

/**
 * A pool of worker threads, each holding its own copy of every step in `specs` (so N steps cost
 * N module loads per thread, not N pools). Jobs name the step they are for.
 */
export class StepWorkerPool {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: JobReply) => void; reject: (e: Error) => void }>();

  private constructor(private readonly workers: Worker[], readonly steps: { name: string; config: unknown }[], readonly specs: StepSpec[]) {
    for (const w of workers) {
      w.on('message', (m: WorkerReply) => {
        if ('id' in m) { const p = this.pending.get(m.id); this.pending.delete(m.id); p?.resolve(m); }
      });
      // A dead worker must fail its jobs, never leave them waiting: the pool is then broken for good.
      const fail = (err: Error): void => {
        this.broken ??= err;
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => { if (!this.closing) fail(new Error(`worker thread exited with code ${code}`)); });
    }
  }

  private broken: Error | undefined;
  private closing = false;

  get size(): number { return this.workers.length; }

  static async create(specs: StepSpec[], workers: number): Promise<StepWorkerPool> {
    if (!Number.isInteger(workers) || workers < 1) throw new LmforgeError('E_OPTION', `workers must be a positive integer, got ${workers}`);
    const pool: Worker[] = [];
    let steps: { name: string; config: unknown }[] = [];
    try {
      for (let i = 0; i < workers; i++) {
        const w = spawnWorker(specs);
        pool.push(w);
        const reply = await new Promise<WorkerReply>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
        if ('ready' in reply && !reply.ready) throw new LmforgeError('E_OPTION', `worker could not build the steps: ${reply.error}`);
        if ('ready' in reply && reply.ready) steps = reply.steps;
      }
    } catch (err) {
      await Promise.all(pool.map((w) => w.terminate()));
      throw err;
    }
    return new StepWorkerPool(pool, steps, specs);
  }

  run(worker: number, step: number, records: DataRecord[]): Promise<JobReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.broken) { reject(new LmforgeError('E_WORKER', `worker pool is broken: ${this.broken.message}`)); return; }
      this.pending.set(id, { resolve, reject });
      this.workers[worker]!.postMessage({ id, step, records });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Runs a stateless step (clean, language ID, quality filters, or a module's factory) on worker
 * threads. Each pipeline batch is cut into one slice per worker and the results are put back in
 * input order, so output is identical to the single-threaded run. Build it with
 * `await ParallelStep.create(spec, { workers })` and `close()` it (its `finish` does).
 * A record whose processing throws makes its batch fail, and the pipeline then reruns that batch
 * record by record so only the bad record is rejected.
 */
export class ParallelStep implements Step<unknown> {
  readonly name: string;
  /** The inner step's config: a manifest records what was computed, not on how many threads. */
  readonly config: unknown;
  readonly stats = newStepStats();

  constructor(private readonly pool: StepWorkerPool, private readonly index: number, private readonly ownsPool = false) {
    this.name = pool.steps[index]!.name;
    this.config = pool.steps[index]!.config;
  }

  get spec(): StepSpec { return this.pool.specs[this.index]!; }
  get workers(): number { return this.pool.size; }

  static async create(spec: StepSpec, options: ParallelStepOptions = {}): Promise<ParallelStep> {
    const pool = await StepWorkerPool.create([spec], options.workers ?? 2);
    return new ParallelStep(pool, 0, true);
  }

  private take(reply: JobReply): StepResult[] {
    for (const [k, v] of Object.entries(reply.counters)) this.stats.counters[k] = (this.stats.counters[k] ?? 0) + v;
    const failed = reply.results.find((r): r is { error: string } => 'error' in r);
    if (failed) throw new Error(failed.error);
    return reply.results.map((r: WorkerResult) => ('drop' in r ? { drop: r.drop } : (r as { record: DataRecord }).record));
  }

  async processBatch(records: DataRecord[]): Promise<StepResult[]> {
    const n = Math.min(this.pool.size, records.length);
    if (n === 0) return [];
    const size = Math.ceil(records.length / n);
    const replies = await Promise.all(Array.from({ length: n }, (_, i) => this.pool.run(i, this.index, records.slice(i * size, (i + 1) * size))));
    const out: StepResult[] = [];
    for (const reply of replies) out.push(...this.take(reply));
    return out;
  }

  async process(record: DataRecord): Promise<StepResult> {
    return this.take(await this.pool.run(0, this.index, [record]))[0]!;
  }

  async finish(): Promise<void> {
    if (this.ownsPool) await this.pool.close();
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.close();
  }
}

/**
 * Near-dedup with its signature computation on the worker pool and its decisions, in input order,
 * on the main thread: the same output as the plain step. Name, config and the duplicate index are
 * the wrapped step's.
 */
export class ParallelNearDedup implements Step<unknown> {
  readonly name: string;
  readonly config: unknown;
  readonly stats = newStepStats();
  private readonly signatures: ParallelStep;

  constructor(private readonly inner: NearDedupStep, pool: StepWorkerPool, index: number) {
    this.name = inner.name;
    this.config = inner.config;
    this.signatures = new ParallelStep(pool, index);
  }

  async processBatch(records: DataRecord[]): Promise<StepResult[]> {
    const withSigs = await this.signatures.processBatch(records);
    return withSigs.map((r, i) => {
      const rec = r as DataRecord;
      const { [MINHASH_META_KEY]: pre, ...meta } = rec.meta as Record<string, unknown> & { [MINHASH_META_KEY]?: { hashes: Uint32Array; sig: Uint32Array } };
      return pre ? this.inner.decideHashed({ ...rec, meta }, pre.hashes, pre.sig) : this.inner.process(records[i]!);
    });
  }

  process(record: DataRecord): StepResult {
    return this.inner.process(record);
  }
}
