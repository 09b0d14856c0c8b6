/** Detectors that read the training loss: NaN/Inf, explosion, spikes, oscillation, plateau / no learning. */
import { type RunContext, cap, series, spikes } from './run-context.js';
import { fmt, median } from './stats.js';

/** NaN / Inf anywhere: the first occurrence, how many, and the last finite values before it. */
export function detectNonFinite(ctx: RunContext): void {
  const { lowerLr, findings, stepEvents, firstBad } = ctx;
  // Everything after the first NaN/Inf is meaningless, so the other detectors stop there (ctx.firstBad).
  if (ctx.badSteps.length > 0) {
    const ev = ctx.firstBadEvent!;
    const before = series(stepEvents, 'loss', firstBad);
    const values: Record<string, number> = { count: ctx.badSteps.length };
    if (before.values.length) values.lastFiniteLoss = before.values[before.values.length - 1]!;
    const gradBefore = series(stepEvents, 'gradNorm', firstBad);
    if (gradBefore.values.length) values.lastFiniteGradNorm = gradBefore.values[gradBefore.values.length - 1]!;
    const what = (['loss', 'gradNorm', 'valLoss', 'lr'] as const).filter((k) => typeof ev[k] === 'number' && !Number.isFinite(ev[k])).map((k) => `${k}=${ev[k]}`).join(', ');
    findings.push({
      id: 'non_finite', severity: 'error', step: firstBad, steps: cap(ctx.badSteps), values,
      message: `Non-finite values from step ${firstBad} (${what}; ${ctx.badSteps.length} event(s) in all)` +
        (values.lastFiniteLoss !== undefined ? `; last finite loss ${fmt(values.lastFiniteLoss)}` : '') +
        '. Lower the learning rate, clip gradients, prefer bf16 over fp16, and check the batch at that step.',
      fix: { ...lowerLr, clipGradNorm: 1.0, precision: 'bf16' },
    });
  }
}

/** The smoothed loss climbs well above the best it reached (sets ctx.explosionIdx). */
export function detectExplosion(ctx: RunContext): void {
  const { loss, smooth, w, options, maxLr, lowerLr, findings } = ctx;
  const n = loss.values.length;
  if (n >= 2 * w) {
    let best = Infinity;
    let bestIdx = 0;
    const factor = options.explosionFactor ?? 2;
    // Start after 3 points, not a full window: a run that blows up in its first steps must be caught
    // against its initial loss (early losses are the highest of a healthy run, so this adds no false alarms).
    for (let i = Math.min(2, w - 1); i < n; i++) {
      if (smooth[i]! < best) { best = smooth[i]!; bestIdx = i; }
      if (smooth[i]! > factor * best && smooth[i]! - best > 0.1) { ctx.explosionIdx = i; break; }
    }
    if (ctx.explosionIdx >= 0) {
      const i = ctx.explosionIdx;
      findings.push({
        id: 'loss_explosion', severity: 'error', step: loss.steps[i]!, steps: [loss.steps[bestIdx]!, loss.steps[i]!],
        values: { bestLoss: best, bestStep: loss.steps[bestIdx]!, loss: smooth[i]!, rawLoss: loss.values[i]!, ...(maxLr !== undefined ? { maxLr } : {}) },
        message: `Loss exploded: smoothed loss ${fmt(smooth[i]!)} at step ${loss.steps[i]} is over ${factor}x its best ${fmt(best)} (step ${loss.steps[bestIdx]}). Lower the learning rate and clip gradients.`,
        fix: { ...lowerLr, clipGradNorm: 1.0 },
      });
    }
  }
}

/** Single steps far above the local median (those right before an explosion belong to it). */
export function detectLossSpikes(ctx: RunContext): void {
  const { loss, w, options, lowerLr, findings } = ctx;
  const lossSpikes = spikes(loss, w, options.spikeThreshold ?? 6, options.spikeMinRatio ?? 1.3)
    .filter((s) => ctx.explosionIdx < 0 || s.i < ctx.explosionIdx - w);
  if (lossSpikes.length > 0) {
    const worst = lossSpikes.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    findings.push({
      id: 'loss_spikes', severity: lossSpikes.length >= 3 ? 'warning' : 'info', step: loss.steps[lossSpikes[0]!.i]!,
      steps: cap(lossSpikes.map((s) => loss.steps[s.i]!)),
      values: { count: lossSpikes.length, worstStep: loss.steps[worst.i]!, worstLoss: loss.values[worst.i]!, localMedian: worst.local, worstRatio: worst.ratio },
      message: `${lossSpikes.length} loss spike(s); worst at step ${loss.steps[worst.i]}: ${fmt(loss.values[worst.i]!)} vs local median ${fmt(worst.local)} (${fmt(worst.ratio)}x). ` +
        'Clip gradients, lower the learning rate, and inspect the batches at those steps.',
      fix: { clipGradNorm: 1.0, ...(lossSpikes.length >= 3 ? lowerLr : {}) },
    });
  }
}

/** The loss zigzags step to step with a large amplitude. */
export function detectOscillation(ctx: RunContext): void {
  const { loss, w, lowerLr, findings } = ctx;
  const n = loss.values.length;
  const oscWin = Math.max(10, 2 * w);
  if (ctx.explosionIdx < 0) {
    for (let start = 0; start + oscWin <= n; start += oscWin) {
      const seg = loss.values.slice(start, start + oscWin);
      const d = seg.slice(1).map((v, i) => v - seg[i]!);
      let changes = 0;
      for (let i = 1; i < d.length; i++) if (d[i]! * d[i - 1]! < 0) changes++;
      const rate = changes / Math.max(1, d.length - 1);
      const amp = median(d.map(Math.abs)) / Math.max(1e-12, Math.abs(median(seg)));
      if (rate >= 0.8 && amp >= 0.1) {
        findings.push({
          id: 'oscillation', severity: 'warning', step: loss.steps[start]!, steps: [loss.steps[start]!, loss.steps[start + oscWin - 1]!],
          values: { signChangeRate: rate, relativeAmplitude: amp, window: oscWin },
          message: `Loss oscillates from step ${loss.steps[start]} to ${loss.steps[start + oscWin - 1]}: direction flips on ${Math.round(rate * 100)}% of steps with a typical swing of ${Math.round(amp * 100)}% of the loss. Lower the learning rate or raise the effective batch.`,
          fix: { ...lowerLr, gradientAccumulation: 4 },
        });
        break;
      }
    }
  }
}

/** The trailing window barely improves: a plateau, or no learning at all when it never did. */
export function detectPlateau(ctx: RunContext): void {
  const { loss, smooth, w, options, maxLr, lowerLr, findings } = ctx;
  const n = loss.values.length;
  const minDelta = options.plateauMinDelta ?? 0.01;
  const pWin = Math.round(options.plateauWindow ?? Math.max(10, 0.25 * n));
  if (ctx.explosionIdx < 0 && n >= Math.max(pWin + w, 2 * w)) {
    const a = smooth[n - pWin]!;
    const b = smooth[n - 1]!;
    const improvement = (a - b) / Math.max(Math.abs(a), 1e-12);
    if (improvement < minDelta) {
      const level = b;
      let j = n - pWin;
      while (j > w - 1 && Math.abs(smooth[j - 1]! - level) <= minDelta * Math.max(Math.abs(level), 1e-12)) j--;
      const first = smooth[w - 1]!;
      const bestSmooth = Math.min(...smooth.slice(w - 1));
      const overall = (first - bestSmooth) / Math.max(Math.abs(first), 1e-12);
      if (overall < 2 * minDelta) {
        findings.push({
          id: 'no_learning', severity: 'error', step: loss.steps[0]!, steps: [loss.steps[0]!, loss.steps[n - 1]!],
          values: { startLoss: first, endLoss: b, bestLoss: bestSmooth, relativeImprovement: overall, ...(maxLr !== undefined ? { maxLr } : {}) },
          message: `Loss has not decreased: ${fmt(first)} at the start, ${fmt(b)} at step ${loss.steps[n - 1]} (${(overall * 100).toFixed(2)}% better at best). ` +
            'Check that parameters are trainable and get gradients (checkModelHealth), that batches are decoded correctly, and the learning rate.',
          fix: maxLr !== undefined && maxLr < 1e-4 ? { lr: Number((maxLr * 10).toPrecision(2)) } : maxLr !== undefined && maxLr > 1e-2 ? lowerLr : {},
        });
      } else {
        findings.push({
          id: 'plateau', severity: 'info', step: loss.steps[j]!, steps: [loss.steps[j]!, loss.steps[n - 1]!],
          values: { plateauLoss: level, sinceStep: loss.steps[j]!, relativeImprovement: improvement },
          message: `Loss has plateaued at ~${fmt(level)} since step ${loss.steps[j]} (${(improvement * 100).toFixed(2)}% improvement over the last ${pWin} logged steps). ` +
            'Stop early, decay the learning rate, or add data/capacity.',
          fix: { earlyStopping: { patience: 3, minDelta: Number((minDelta * level).toPrecision(2)) } },
        });
      }
    }
  }
}

