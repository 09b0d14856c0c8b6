/** Types shared by diagnoseRun and its detectors. */
import type { TrainingFix } from './fixes.js';

export type FindingId =
  | 'non_finite' | 'loss_explosion' | 'loss_spikes' | 'oscillation' | 'plateau' | 'no_learning' | 'overfitting'
  | 'warmup' | 'warmup_too_long' | 'throughput_drop' | 'grad_norm_spikes' | 'grad_norm_exploding' | 'grad_norm_vanishing' | 'grad_clipped';

export interface RunFinding {
  id: FindingId;
  severity: 'error' | 'warning' | 'info';
  /** The step where the problem starts (or is first seen). */
  step: number;
  /** All steps cited (capped at 20). */
  steps: number[];
  /** The values that triggered the finding, by name. */
  values: Record<string, number>;
  message: string;
  /** Training options that address it (merge into the next run's options). */
  fix?: TrainingFix;
}

export interface DiagnoseRunOptions {
  /** Window (in logged steps) for medians. Default 2% of the step events, at least 5 and at most 50. */
  window?: number;
  /** Smoothed loss above this multiple of its best so far is an explosion. Default 2. */
  explosionFactor?: number;
  /** A step loss this many robust deviations above the local median is a spike. Default 6. */
  spikeThreshold?: number;
  /** ...and at least this multiple of the local median. Default 1.3. */
  spikeMinRatio?: number;
  /** Relative improvement below which the trailing window counts as a plateau. Default 0.01. */
  plateauMinDelta?: number;
  /** Trailing window (logged steps) examined for a plateau. Default max(10, 25% of step events). */
  plateauWindow?: number;
  /** Relative rise of validation loss over its best that counts as overfitting. Default 0.01. */
  overfitMinDelta?: number;
  /** Throughput below this fraction of its early median is a drop. Default 0.6. */
  throughputDropFactor?: number;
  /** Gradient norms above this multiple of the local median are spikes. Default 10. */
  gradSpikeFactor?: number;
  /** The run's clipGradNorm, if any: finds runs clipped at nearly every step. */
  clipGradNorm?: number;
}

export interface RunDiagnosis {
  findings: RunFinding[];
  stepEvents: number;
  evalEvents: number;
  firstStep: number | null;
  lastStep: number | null;
}
