// Worker-thread side of ParallelStep: builds its own copies of the steps from their specs and
// runs batches of records through the one a job names.
import { parentPort, workerData } from 'node:worker_threads';
import { isDrop, type DataRecord, type Step, type StepResult } from '../record.js';
import { buildStep, type StepSpec } from './registry.js';

export interface WorkerJob { id: number; step: number; records: DataRecord[] }
/** One entry per input record: the kept record, a drop reason, or the error it raised. */
export type WorkerResult = { record: DataRecord } | { drop: string } | { error: string };
export type WorkerReply =
  | { ready: true; steps: { name: string; config: unknown }[] }
  | { ready: false; error: string }
  | { id: number; results: WorkerResult[]; counters: Record<string, number> };

const port = parentPort!;
let steps: Step[] = [];

async function runOne(s: Step, r: DataRecord): Promise<WorkerResult> {
  try {
    const res: StepResult = await s.process!(r);
    return isDrop(res) ? { drop: res.drop } : { record: res };
  } catch (err) {
    return { error: (err as Error)?.message ?? String(err) };
  }
}

port.on('message', (job: WorkerJob) => {
  void (async () => {
    const s = steps[job.step]!;
    s.stats.counters = {}; // counters of this job only: the main thread adds them up
    let results: WorkerResult[];
    if (s.processBatch) {
      try {
        const res = await s.processBatch(job.records);
        results = res.map((x) => (isDrop(x) ? { drop: x.drop } : { record: x }));
      } catch (err) {
        results = [];
        if (s.process) for (const r of job.records) results.push(await runOne(s, r));
        else for (let i = 0; i < job.records.length; i++) results.push({ error: (err as Error).message });
      }
    } else {
      results = [];
      for (const r of job.records) results.push(await runOne(s, r));
    }
    const reply: WorkerReply = { id: job.id, results, counters: s.stats.counters };
    port.postMessage(reply);
  })();
});

Promise.all((workerData as StepSpec[]).map(buildStep)).then(
  (built) => { steps = built; port.postMessage({ ready: true, steps: built.map((s) => ({ name: s.name, config: s.config })) } satisfies WorkerReply); },
  (err: Error) => port.postMessage({ ready: false, error: err.message } satisfies WorkerReply),
);
