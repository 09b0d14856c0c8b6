import { LmforgeError } from '../../errors.js';
import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';

/** Turns texts into vectors (e.g. mean-pooled hidden states of the model from lib/model). */
export type EmbedFunction = (texts: string[]) => Promise<Float32Array[]> | Float32Array[];

export interface SemanticDedupOptions {
  embed: EmbedFunction;
  /** Cosine similarity at or above which a document duplicates a kept one. Default 0.95. */
  threshold?: number;
  /** A name for the embedder, recorded in the manifest. */
  embedder?: string;
}

function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  const out = new Float32Array(v.length);
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = v[i]! / n;
  return out;
}

/**
 * Semantic near-duplicates (SemDeDup-style) with any embedding function: a document is dropped
 * when its cosine similarity to an earlier kept document reaches `threshold`. Comparison is
 * exhaustive (O(kept) per document), which suits the thousands-to-hundreds-of-thousands range;
 * for more, cluster first. Embeddings come from the caller, so this step has no model of its own.
 */
export class SemanticDedupStep implements Step<{ threshold: number; embedder: string }> {
  readonly name = 'semantic_dedup';
  readonly config: { threshold: number; embedder: string };
  readonly stats = newStepStats();
  private readonly kept: Float32Array[] = [];
  private readonly embed: EmbedFunction;
  private dim = -1;

  constructor(options: SemanticDedupOptions) {
    if (typeof options?.embed !== 'function') throw new TypeError('SemanticDedupStep: options.embed must be a function (texts) => Float32Array[]');
    const threshold = options.threshold ?? 0.95;
    if (!(threshold > 0 && threshold <= 1)) throw new LmforgeError('E_OPTION', `SemanticDedupStep: threshold must be in (0, 1], got ${threshold}`);
    this.embed = options.embed;
    this.config = { threshold, embedder: options.embedder ?? (options.embed.name || 'custom') };
  }

  async processBatch(records: DataRecord[]): Promise<StepResult[]> {
    const vectors = await this.embed(records.map((r) => r.text));
    if (!Array.isArray(vectors) || vectors.length !== records.length) {
      throw new LmforgeError('E_STEP', `SemanticDedupStep: embed returned ${Array.isArray(vectors) ? vectors.length : typeof vectors} vectors for ${records.length} texts`);
    }
    const out: StepResult[] = [];
    for (let i = 0; i < records.length; i++) {
      const v = normalize(vectors[i]!);
      if (this.dim < 0) this.dim = v.length;
      if (v.length !== this.dim) throw new LmforgeError('E_STEP', `SemanticDedupStep: embedding ${i} has dimension ${v.length}, expected ${this.dim}`);
      let dup = false;
      for (const k of this.kept) {
        let dot = 0;
        for (let j = 0; j < v.length; j++) dot += v[j]! * k[j]!;
        if (dot >= this.config.threshold) { dup = true; break; }
      }
      if (dup) out.push({ drop: 'semantic_duplicate' });
      else { this.kept.push(v); out.push(records[i]!); }
    }
    return out;
  }
}
