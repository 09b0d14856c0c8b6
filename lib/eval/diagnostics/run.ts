/**
 * `diagnoseRun(history)`: reads a run's own metrics and says what went wrong, where, and which
 * training options would address it. Every finding cites the steps and the values that triggered it.
 * Detectors use medians over a window so one noisy batch does not raise an alarm; each lives in
 * detect-loss.ts or detect-training.ts and reads one shared RunContext.
 */
import { LmforgeError, checkArg } from '../../errors.js';
import type { TrainEvent } from '../../model/contracts.js';
import { normalizeHistory } from './history.js';
import { makeContext } from './run-context.js';
import { detectExplosion, detectLossSpikes, detectNonFinite, detectOscillation, detectPlateau } from './detect-loss.js';
import { detectGradientAnomalies, detectOverfitting, detectThroughputDrop, detectWarmup } from './detect-training.js';
import type { DiagnoseRunOptions, RunDiagnosis } from './run-types.js';

export type { FindingId, RunFinding, DiagnoseRunOptions, RunDiagnosis } from './run-types.js';

// Order matters: later detectors read what earlier ones found (explosion index, early trouble).
const DETECTORS = [
  detectNonFinite, detectExplosion, detectLossSpikes, detectOscillation, detectPlateau,
  detectOverfitting, detectWarmup, detectThroughputDrop, detectGradientAnomalies,
];

export function diagnoseRun(history: readonly TrainEvent[] | string, options: DiagnoseRunOptions = {}): RunDiagnosis {
  const events = normalizeHistory(history as readonly unknown[] | string).slice().sort((a, b) => a.step - b.step);
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined) checkArg(typeof v === 'number' && Number.isFinite(v) && v > 0, `options.${k}`, 'a positive finite number', v);
  }
  const ctx = makeContext(events, options);
  if (ctx.stepEvents.length === 0 && ctx.evalEvents.length === 0) {
    throw new LmforgeError('EVAL_EMPTY', "history has no 'step' or 'eval' events; nothing to diagnose");
  }
  for (const detect of DETECTORS) detect(ctx);
  const order = { error: 0, warning: 1, info: 2 };
  const findings = [...ctx.findings].sort((a, b) => order[a.severity] - order[b.severity] || a.step - b.step);
  return {
    findings,
    stepEvents: ctx.stepEvents.length,
    evalEvents: ctx.evalEvents.length,
    firstStep: events.length ? events[0]!.step : null,
    lastStep: events.length ? events[events.length - 1]!.step : null,
  };
}

/** A plain-text report of a diagnosis (one block per finding, worst first), for logs and terminals. */
export function formatRunDiagnosis(d: RunDiagnosis): string {
  const head = `${d.stepEvents} step events, ${d.evalEvents} eval events (steps ${d.firstStep ?? '-'}..${d.lastStep ?? '-'}): ` +
    (d.findings.length === 0 ? 'no problems found' : `${d.findings.length} finding(s)`);
  const blocks = d.findings.map((f) => {
    const fix = f.fix && Object.keys(f.fix).length ? `\n    fix: ${JSON.stringify(f.fix)}` : '';
    return `  [${f.severity.toUpperCase()}] ${f.id} @ step ${f.step}: ${f.message}${fix}`;
  });
  return [head, ...blocks].join('\n');
}
