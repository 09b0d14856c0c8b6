import { LmforgeError } from '../../errors.js';
import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';

export interface MapOptions {
  /** Step name in stats and manifests. Default 'map'. */
  name?: string;
  /** Anything worth recording in the manifest about what the function does. */
  config?: Record<string, unknown>;
}

export interface BatchMapOptions extends MapOptions {
  /** Records per call of `fn` (the pipeline's batch is cut into pieces of this size). Default 1000. */
  batchSize?: number;
}

/** A step from a per-record function: return the (changed) record, or `{ drop: reason }`. */
export function mapStep(fn: (record: DataRecord) => StepResult | Promise<StepResult>, options: MapOptions = {}): Step<Record<string, unknown>> {
  if (typeof fn !== 'function') throw new TypeError('mapStep: fn must be a function');
  return { name: options.name ?? 'map', config: { fn: fn.name || 'anonymous', ...(options.config ?? {}) }, stats: newStepStats(), process: fn };
}

/**
 * A batched step, like `datasets.map(batched=True)`: `fn` gets up to `batchSize` records and
 * returns one result per record, in order (a record or `{ drop: reason }`).
 */
export function batchMapStep(fn: (batch: DataRecord[]) => StepResult[] | Promise<StepResult[]>, options: BatchMapOptions = {}): Step<Record<string, unknown>> {
  if (typeof fn !== 'function') throw new TypeError('batchMapStep: fn must be a function');
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new LmforgeError('E_OPTION', `batchMapStep: batchSize must be a positive integer, got ${batchSize}`);
  const name = options.name ?? 'map';
  return {
    name,
    config: { fn: fn.name || 'anonymous', batchSize, ...(options.config ?? {}) },
    stats: newStepStats(),
    async processBatch(records: DataRecord[]): Promise<StepResult[]> {
      const out: StepResult[] = [];
      for (let i = 0; i < records.length; i += batchSize) {
        const part = records.slice(i, i + batchSize);
        const res = await fn(part);
        if (!Array.isArray(res) || res.length !== part.length) {
          throw new LmforgeError('E_STEP', `${name}: the batch function returned ${Array.isArray(res) ? res.length : typeof res} results for ${part.length} records; it must return one per record`);
        }
        out.push(...res);
      }
      return out;
    },
  };
}
