/** Detectors beyond the training loss: overfitting, warm-up, throughput and gradient norms. */
import { type RunContext, cap, series, spikes } from './run-context.js';
import { fmt, median, rollingMedian } from './stats.js';

/** Validation loss turns up after its best while the training loss keeps falling. */
export function detectOverfitting(ctx: RunContext): void {
  const { loss, smooth, options, findings, evalEvents, firstBad } = ctx;
  const n = loss.values.length;
  const val = series(evalEvents, 'valLoss', firstBad);
  if (val.values.length >= 3) {
    let b = 0;
    for (let i = 1; i < val.values.length; i++) if (val.values[i]! < val.values[b]!) b = i;
    const bestVal = val.values[b]!;
    const after = val.values.slice(b + 1);
    const last = val.values[val.values.length - 1]!;
    const rel = options.overfitMinDelta ?? 0.01;
    if (after.length >= 2 && after.every((v) => v > bestVal) && last > bestVal * (1 + rel)) {
      const trainAt = (step: number): number | undefined => {
        let k = -1;
        for (let i = 0; i < n; i++) if (loss.steps[i]! <= step) k = i;
        return k >= 0 ? smooth[k] : undefined;
      };
      const tBest = trainAt(val.steps[b]!);
      const tLast = trainAt(val.steps[val.steps.length - 1]!);
      const trainFalling = tBest !== undefined && tLast !== undefined && tLast < tBest;
      if (trainFalling || tBest === undefined) {
        const values: Record<string, number> = { bestValLoss: bestVal, bestStep: val.steps[b]!, lastValLoss: last, lastStep: val.steps[val.steps.length - 1]! };
        if (tBest !== undefined) values.trainLossAtBest = tBest;
        if (tLast !== undefined) { values.trainLossAtLast = tLast; values.gap = last - tLast; }
        const evalGap = val.steps.length > 1 ? val.steps[1]! - val.steps[0]! : undefined;
        findings.push({
          id: 'overfitting', severity: 'warning', step: val.steps[b]!, steps: cap(val.steps.slice(b)), values,
          message: `Overfitting from step ${val.steps[b]}: validation loss rose from ${fmt(bestVal)} to ${fmt(last)} (step ${val.steps[val.steps.length - 1]})` +
            (trainFalling ? ` while training loss fell from ${fmt(tBest)} to ${fmt(tLast!)}` : '') +
            `. Keep the checkpoint from step ${val.steps[b]}, stop early, add weight decay/dropout or data.`,
          fix: { earlyStopping: { patience: 2, minDelta: Number((rel * bestVal).toPrecision(2)) }, weightDecay: 0.1, dropout: 0.1, ...(evalGap ? { evalEvery: evalGap } : {}) },
        });
      }
    }
  }
}

/** Full learning rate from the first step with early instability, loss rising as lr peaks, or a warm-up longer than half the run. */
export function detectWarmup(ctx: RunContext): void {
  const { loss, w, maxLr, findings, stepEvents, firstBad } = ctx;
  const n = loss.values.length;
  const lr = series(stepEvents, 'lr', firstBad);
  if (lr.values.length >= 5 && maxLr !== undefined && maxLr > 0) {
    const peakIdx = lr.values.findIndex((v) => v >= 0.99 * maxLr);
    const earlyEnd = lr.steps[0]! + Math.max(0.1 * ((loss.steps[n - 1] ?? lr.steps[lr.steps.length - 1]!) - lr.steps[0]!), 1);
    const earlyTrouble = [
      ...findings.filter((f) => ['non_finite', 'loss_explosion', 'loss_spikes', 'oscillation'].includes(f.id) && f.step <= earlyEnd).map((f) => f.step),
      ...(ctx.badSteps.length && firstBad <= earlyEnd ? [firstBad] : []),
    ];
    const suggestedWarmup = Math.max(100, Math.round(0.05 * (lr.steps[lr.steps.length - 1]! - lr.steps[0]!)));
    if (lr.values[0]! >= 0.5 * maxLr && earlyTrouble.length > 0) {
      const s = Math.min(...earlyTrouble);
      findings.push({
        id: 'warmup', severity: 'warning', step: lr.steps[0]!, steps: [lr.steps[0]!, s],
        values: { firstLr: lr.values[0]!, maxLr, troubleStep: s },
        message: `No learning-rate warm-up: lr starts at ${fmt(lr.values[0]!)} (peak ${fmt(maxLr)}) and training is unstable by step ${s}. Warm up over ~${suggestedWarmup} steps.`,
        fix: { warmupSteps: suggestedWarmup },
      });
    } else if (peakIdx > 0 && n > 0) {
      const peakStep = lr.steps[peakIdx]!;
      // Lightly smoothed loss: best before the peak vs worst shortly after it (the long window lags too much here).
      const ws = Math.max(3, Math.round(w / 4));
      const light = rollingMedian(loss.values, ws);
      const horizon = peakStep + Math.max(peakStep - lr.steps[0]!, 2 * w);
      let bestBefore = Infinity;
      let afterIdx = -1;
      for (let i = ws - 1; i < n; i++) {
        if (loss.steps[i]! <= peakStep) bestBefore = Math.min(bestBefore, light[i]!);
        else if (loss.steps[i]! <= horizon && (afterIdx < 0 || light[i]! > light[afterIdx]!)) afterIdx = i;
      }
      if (Number.isFinite(bestBefore) && afterIdx >= 0 && light[afterIdx]! > 1.2 * bestBefore && light[afterIdx]! - bestBefore > 0.1) {
        findings.push({
          id: 'warmup', severity: 'warning', step: peakStep, steps: [peakStep, loss.steps[afterIdx]!],
          values: { peakLr: maxLr, warmupEndStep: peakStep, bestLossBeforePeak: bestBefore, lossAfterPeak: light[afterIdx]! },
          message: `Loss rose from ${fmt(bestBefore)} to ${fmt(light[afterIdx]!)} (step ${loss.steps[afterIdx]}) as the learning rate reached its peak ${fmt(maxLr)} at step ${peakStep}: warm-up too short or peak too high.`,
          fix: { warmupSteps: Math.max(2 * (peakStep - lr.steps[0]!), 100), lr: Number((maxLr / 2).toPrecision(2)) },
        });
      }
      const total = lr.steps[lr.steps.length - 1]! - lr.steps[0]!;
      if (total > 0 && peakStep - lr.steps[0]! > 0.5 * total) {
        findings.push({
          id: 'warmup_too_long', severity: 'info', step: peakStep, steps: [lr.steps[0]!, peakStep],
          values: { warmupEndStep: peakStep, lastStep: lr.steps[lr.steps.length - 1]! },
          message: `The learning rate is still warming up for over half the run (peak at step ${peakStep} of ${lr.steps[lr.steps.length - 1]}); the warm-up is probably too long.`,
          fix: { warmupSteps: Math.max(1, Math.round(0.05 * total)) },
        });
      }
    }
  }
}

/** Tokens/s falls well below its early median for a sustained stretch. */
export function detectThroughputDrop(ctx: RunContext): void {
  const { w, options, findings, stepEvents, firstBad } = ctx;
  const tps = series(stepEvents, 'tokensPerSecond', firstBad);
  if (tps.values.length >= 10) {
    const skip = Math.min(2, tps.values.length - 8);
    const base = median(tps.values.slice(skip, skip + Math.max(5, Math.round(0.2 * tps.values.length))));
    const tw = Math.max(3, w);
    const roll = rollingMedian(tps.values, tw);
    const factor = options.throughputDropFactor ?? 0.6;
    const i = roll.findIndex((v, k) => k >= skip + tw && v < factor * base);
    if (i >= 0 && base > 0) {
      const lastRoll = roll[roll.length - 1]!;
      const recovered = lastRoll >= 0.9 * base;
      // The rolling median lags; cite the first raw value in its window that is already low.
      let start = Math.max(0, i - tw + 1);
      while (start < i && tps.values[start]! >= factor * base) start++;
      findings.push({
        id: 'throughput_drop', severity: 'warning', step: tps.steps[start]!, steps: [tps.steps[start]!, tps.steps[i]!],
        values: { baselineTokensPerSecond: base, tokensPerSecond: roll[i]!, ratio: roll[i]! / base, lastTokensPerSecond: lastRoll },
        message: `Throughput dropped from ~${fmt(base)} to ~${fmt(roll[i]!)} tokens/s (${Math.round((100 * roll[i]!) / base)}%) around step ${tps.steps[start]}` +
          (recovered ? ', then recovered' : ' and did not recover') +
          '. Look for other processes on the device, thermal throttling, memory pressure (swapping), slow data reads or frequent evaluation/checkpoints.',
      });
    }
  }
}

/** Gradient-norm spikes, growth, collapse, and clipping at nearly every step. */
export function detectGradientAnomalies(ctx: RunContext): void {
  const { w, options, lowerLr, findings, stepEvents, firstBad } = ctx;
  const g = series(stepEvents, 'gradNorm', firstBad);
  if (g.values.length >= 2 * w && g.values.length >= 10) {
    const gs = spikes(g, w, 6, options.gradSpikeFactor ?? 10);
    if (gs.length > 0) {
      const worst = gs.reduce((a, b) => (b.ratio > a.ratio ? b : a));
      findings.push({
        id: 'grad_norm_spikes', severity: 'warning', step: g.steps[gs[0]!.i]!, steps: cap(gs.map((s) => g.steps[s.i]!)),
        values: { count: gs.length, worstStep: g.steps[worst.i]!, worstGradNorm: g.values[worst.i]!, localMedian: worst.local },
        message: `${gs.length} gradient-norm spike(s); worst ${fmt(g.values[worst.i]!)} at step ${g.steps[worst.i]} vs a local median of ${fmt(worst.local)}. Clip the gradient norm.`,
        fix: { clipGradNorm: 1.0 },
      });
    }
    const gr = rollingMedian(g.values, w);
    const early = gr[w - 1]!;
    const late = gr[gr.length - 1]!;
    if (early > 0 && late > 10 * early) {
      findings.push({
        id: 'grad_norm_exploding', severity: 'warning', step: g.steps[gr.findIndex((v) => v > 10 * early)]!, steps: [g.steps[w - 1]!, g.steps[g.steps.length - 1]!],
        values: { earlyGradNorm: early, lateGradNorm: late },
        message: `Gradient norm grew ${fmt(late / early)}x (median ${fmt(early)} early, ${fmt(late)} at step ${g.steps[g.steps.length - 1]}). Clip gradients and lower the learning rate.`,
        fix: { clipGradNorm: 1.0, ...lowerLr },
      });
    } else if (early > 0 && (late < 1e-3 * early || late < 1e-8)) {
      findings.push({
        id: 'grad_norm_vanishing', severity: 'warning', step: g.steps[g.steps.length - 1]!, steps: [g.steps[w - 1]!, g.steps[g.steps.length - 1]!],
        values: { earlyGradNorm: early, lateGradNorm: late },
        message: `Gradient norm collapsed from ${fmt(early)} to ${fmt(late)}: updates have all but stopped (dead layers, fp16 underflow, or a frozen model). Run checkModelHealth; prefer bf16.`,
        fix: { precision: 'bf16' },
      });
    }
    if (options.clipGradNorm !== undefined) {
      const clipped = g.values.filter((v) => v > options.clipGradNorm!).length;
      if (clipped / g.values.length > 0.9) {
        findings.push({
          id: 'grad_clipped', severity: 'info', step: g.steps[0]!, steps: [g.steps[0]!, g.steps[g.steps.length - 1]!],
          values: { clippedFraction: clipped / g.values.length, clipGradNorm: options.clipGradNorm, medianGradNorm: median(g.values) },
          message: `Gradients were clipped on ${Math.round((100 * clipped) / g.values.length)}% of steps (median norm ${fmt(median(g.values))} > clip ${options.clipGradNorm}): the learning rate is likely too high.`,
          fix: lowerLr,
        });
      }
    }
  }
}

