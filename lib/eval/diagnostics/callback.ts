/**
 * A live training callback: feed it each TrainEvent (the training loop's onProgress), it runs the run
 * diagnostics as the history grows, reports each finding once, and can ask the loop to stop on NaN/Inf.
 */
import { checkArg } from '../../errors.js';
import type { TrainEvent } from '../../model/contracts.js';
import { toTrainEvent } from './history.js';
import { diagnoseRun, type DiagnoseRunOptions, type RunFinding } from './run.js';

export interface DiagnosticsCallbackOptions extends DiagnoseRunOptions {
  /** Called once per new finding (id). Default: none (read `findings`). */
  onFinding?: (finding: RunFinding) => void;
  /** Ask to stop when a loss/gradient is NaN or Inf. Default true. */
  stopOnNonFinite?: boolean;
  /**
   * Run the full diagnostics every this many events, or every 10% of the history so far if that is more
   * (keeps the total cost near-linear in long runs). NaN/Inf is checked on every event. Default 25.
   */
  checkEvery?: number;
}

export interface DiagnosticsCallback {
  /** Pass every TrainEvent; returns true when the run should stop. */
  onProgress(event: TrainEvent): boolean;
  /** Aborted (reason: the finding) when the callback asks to stop; hand it to the training loop. */
  readonly signal: AbortSignal;
  /** Findings reported so far, in the order they were first seen. */
  readonly findings: RunFinding[];
  /** Runs the diagnostics on everything seen (e.g. at the end of training) and reports new findings. */
  flush(): RunFinding[];
  readonly stopped: boolean;
}

export function diagnosticsCallback(options: DiagnosticsCallbackOptions = {}): DiagnosticsCallback {
  const { onFinding, stopOnNonFinite = true, checkEvery = 25, ...runOptions } = options;
  checkArg(onFinding === undefined || typeof onFinding === 'function', 'options.onFinding', 'a function', onFinding);
  checkArg(Number.isInteger(checkEvery) && checkEvery >= 1, 'options.checkEvery', 'a positive integer', checkEvery);
  const history: TrainEvent[] = [];
  const seen = new Set<string>();
  const findings: RunFinding[] = [];
  const controller = new AbortController();
  let stopped = false;
  let sinceCheck = 0;

  const report = (list: RunFinding[]): RunFinding[] => {
    const fresh: RunFinding[] = [];
    for (const f of list) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      findings.push(f);
      fresh.push(f);
      onFinding?.(f);
    }
    return fresh;
  };
  const run = (): RunFinding[] => (history.length ? report(diagnoseRun(history, runOptions).findings) : []);

  return {
    onProgress(event: TrainEvent): boolean {
      const ev = toTrainEvent(event, 'event');
      history.push(ev);
      sinceCheck++;
      const nonFinite = (['loss', 'gradNorm', 'valLoss'] as const).some((k) => typeof ev[k] === 'number' && !Number.isFinite(ev[k]));
      if (nonFinite || sinceCheck >= Math.max(checkEvery, Math.floor(0.1 * history.length)) || ev.type === 'done') {
        sinceCheck = 0;
        run();
      }
      if (nonFinite && stopOnNonFinite && !stopped) {
        stopped = true;
        controller.abort(findings.find((f) => f.id === 'non_finite'));
      }
      return stopped;
    },
    get signal() { return controller.signal; },
    get findings() { return findings; },
    get stopped() { return stopped; },
    flush: run,
  };
}
