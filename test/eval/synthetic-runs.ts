/** Synthetic training histories, one per failure pattern, with seeded noise. */
import type { TrainEvent } from '../../lib/model/contracts.js';
import { seededRandom } from '../../lib/util/random.js';

export const rng = seededRandom;

export interface RunSpec {
  steps?: number;
  loss?: (step: number) => number;
  lr?: (step: number) => number;
  gradNorm?: (step: number) => number;
  tps?: (step: number) => number;
  val?: (step: number) => number;
  evalEvery?: number;
  noise?: number;
  seed?: number;
}

/** Healthy defaults: exponential decay to 2.0, warm-up over 50 steps to 3e-4 then cosine, grad ~1, 10k tok/s. */
export function makeRun(spec: RunSpec = {}): TrainEvent[] {
  const steps = spec.steps ?? 1000;
  const r = rng(spec.seed ?? 1);
  const noise = spec.noise ?? 0.02;
  const loss = spec.loss ?? ((s) => 2 + 8 * Math.exp(-s / 150));
  const lr = spec.lr ?? ((s) => (s < 50 ? (3e-4 * (s + 1)) / 50 : 3e-4 * 0.5 * (1 + Math.cos((Math.PI * (s - 50)) / (steps - 50)))));
  const grad = spec.gradNorm ?? (() => 1);
  const tps = spec.tps ?? (() => 10000);
  const out: TrainEvent[] = [];
  for (let s = 0; s < steps; s++) {
    const jitter = 1 + noise * (2 * r() - 1);
    out.push({ type: 'step', step: s, loss: loss(s) * jitter, lr: lr(s), gradNorm: grad(s) * (1 + 0.1 * (2 * r() - 1)), tokensPerSecond: tps(s) * (1 + 0.02 * (2 * r() - 1)), elapsedMs: s * 100 });
    if (spec.val && spec.evalEvery && s > 0 && s % spec.evalEvery === 0) out.push({ type: 'eval', step: s, valLoss: spec.val(s) });
  }
  return out;
}
