import { isDrop, type DataRecord, type Step, type StepResult } from './record.js';

/** A record a step could not process (it threw); it goes to rejects.jsonl with the step's name. */
export interface StepReject {
  id: string;
  step: string;
  reason: string;
}

export interface ApplyResult {
  kept: DataRecord[];
  rejects: StepReject[];
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/**
 * Runs one step over a batch and keeps its books: the step's `stats.in`, `kept` and `filtered`
 * are counted here (steps only add their own `counters`), so `in = kept + filtered + rejected`
 * holds by construction. A record whose processing throws is rejected, not lost; a throwing
 * `processBatch` falls back to per-record `process` if the step has one, else rejects the batch.
 */
export async function applyStep(step: Step, batch: DataRecord[]): Promise<ApplyResult> {
  const kept: DataRecord[] = [];
  const rejects: StepReject[] = [];
  step.stats.in += batch.length;
  const take = (rec: DataRecord, res: StepResult): void => {
    if (isDrop(res)) bump(step.stats.filtered, res.drop);
    else { kept.push(res); step.stats.kept++; }
  };
  const one = async (rec: DataRecord): Promise<void> => {
    try {
      take(rec, await step.process!(rec));
    } catch (err) {
      bump(step.stats.counters, 'rejected');
      rejects.push({ id: rec.id, step: step.name, reason: (err as Error).message ?? String(err) });
    }
  };
  if (step.processBatch) {
    let results: StepResult[] | undefined;
    let failure: unknown;
    try {
      results = await step.processBatch(batch);
      if (results.length !== batch.length) throw new Error(`step ${step.name} returned ${results.length} results for ${batch.length} records`);
    } catch (err) {
      failure = err;
    }
    if (results && failure === undefined) {
      for (let i = 0; i < batch.length; i++) take(batch[i]!, results[i]!);
    } else if (step.process) {
      for (const rec of batch) await one(rec);
    } else {
      for (const rec of batch) {
        bump(step.stats.counters, 'rejected');
        rejects.push({ id: rec.id, step: step.name, reason: `batch failed: ${(failure as Error)?.message ?? String(failure)}` });
      }
    }
  } else if (step.process) {
    for (const rec of batch) await one(rec);
  } else {
    // A step with neither function keeps everything (e.g. a pure observer with only finish()).
    for (const rec of batch) take(rec, rec);
  }
  return { kept, rejects };
}
