/** The unit every curation stage passes along: one document. */
export interface DataRecord {
  /** Stable id (reader-assigned, e.g. `file:line` or a field of the input). */
  id: string;
  /** The document text. */
  text: string;
  /** Anything else the reader or a step knows about the document. */
  meta: Record<string, unknown>;
}

/** What a step decides about one record: keep it (possibly changed) or drop it with a reason. */
export type StepResult = DataRecord | { drop: string };

/**
 * A pipeline step in datatrove's spirit: a name, its config, a per-record function, and counters.
 * `process` may be async; batch-capable steps implement `processBatch` instead (order preserved).
 * Counters live in `stats` so `in = kept + sum(filtered by reason) + rejected` can be checked at the end.
 */
export interface Step<C = unknown> {
  readonly name: string;
  readonly config: C;
  readonly stats: StepStats;
  process?(record: DataRecord): StepResult | Promise<StepResult>;
  processBatch?(records: DataRecord[]): StepResult[] | Promise<StepResult[]>;
  /** Called once after the last record (flush buffers, finish global decisions). */
  finish?(): void | Promise<void>;
}

export interface StepStats {
  in: number;
  kept: number;
  /** Records dropped, by reason. */
  filtered: Record<string, number>;
  /** Free-form extra counters (characters removed, entities found, ...). */
  counters: Record<string, number>;
}

export function newStepStats(): StepStats {
  return { in: 0, kept: 0, filtered: {}, counters: {} };
}

export function isDrop(r: StepResult): r is { drop: string } {
  return (r as { drop?: unknown }).drop !== undefined;
}
