/**
 * Fixes are expressed as lmforge training options (what a user passes to `train`), never as code
 * snippets, so a diagnosis can be applied by spreading it into the next run's options.
 */
export interface TrainingFix {
  /** Peak learning rate. */
  lr?: number;
  /** Clip the global gradient norm to this value. */
  clipGradNorm?: number;
  warmupSteps?: number;
  weightDecay?: number;
  /** Micro-batches accumulated per optimizer step. */
  gradientAccumulation?: number;
  batchSize?: number;
  precision?: 'bf16' | 'fp16' | 'fp32';
  earlyStopping?: { patience: number; minDelta: number };
  dropout?: number;
  /** Recompute activations in the backward pass to save memory. */
  gradientCheckpointing?: boolean;
  /** Training context length (sequence length per example). */
  contextLength?: number;
  /** Evaluate every this many steps. */
  evalEvery?: number;
}
