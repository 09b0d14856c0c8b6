import type { Step } from '../record.js';

/**
 * Built-in stateless steps by name, so worker threads can build their own copy from
 * `{ step, options }` (functions and class instances cannot cross a thread boundary).
 * Dedup decisions are absent on purpose: they hold global state and must see every record
 * (near-dedup only sends its signature computation here).
 */
export const PARALLEL_STEPS = {
  clean: async (o: unknown) => new (await import('./clean.js')).CleanStep(o as never),
  language_filter: async (o: unknown) => new (await import('./langid.js')).LanguageFilter(o as never),
  gopher_quality: async (o: unknown) => new (await import('./quality.js')).GopherQualityFilter(o as never),
  gopher_repetition: async (o: unknown) => new (await import('./quality.js')).GopherRepetitionFilter(o as never),
  c4_quality: async (o: unknown) => new (await import('./quality.js')).C4QualityFilter(o as never),
  // The stateless half of near-dedup (signatures); the decision stays on the main thread.
  minhash_precompute: async (o: unknown) => new (await import('./dedup.js')).MinhashPrecomputeStep(o as never),
} satisfies Record<string, (options: unknown) => Promise<Step>>;

export type ParallelStepName = keyof typeof PARALLEL_STEPS;

/** What a worker builds: a built-in step by name, or a factory exported by a module. */
export type StepSpec =
  | { step: ParallelStepName; options?: unknown }
  | { module: string; export: string; options?: unknown };

export async function buildStep(spec: StepSpec): Promise<Step> {
  if ('step' in spec) {
    const make = PARALLEL_STEPS[spec.step];
    if (!make) throw new Error(`unknown step "${String(spec.step)}"; built-ins: ${Object.keys(PARALLEL_STEPS).join(', ')}`);
    return make(spec.options);
  }
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const factory = mod[spec.export];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no export "${spec.export}" that builds a step`);
  // A class (constructed with new) or a plain factory function.
  try {
    return (await (factory as (o: unknown) => Step | Promise<Step>)(spec.options));
  } catch (err) {
    if (err instanceof TypeError && /class constructor/i.test(err.message)) return new (factory as new (o: unknown) => Step)(spec.options);
    throw err;
  }
}
