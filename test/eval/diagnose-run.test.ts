import t from 'tap';
import { diagnoseRun, formatRunDiagnosis, type RunFinding } from '../../lib/eval/diagnostics/run.js';
import { parseTrainLog } from '../../lib/eval/diagnostics/history.js';
import { LmforgeError } from '../../lib/errors.js';
import { makeRun } from './synthetic-runs.js';

const ids = (f: RunFinding[]): string[] => f.map((x) => x.id);
const find = (f: RunFinding[], id: string): RunFinding => {
  const x = f.find((y) => y.id === id);
  if (!x) throw new Error(`no ${id} finding in ${JSON.stringify(ids(f))}`);
  return x;
};

t.test('healthy run: no errors or warnings', (tt) => {
  const d = diagnoseRun(makeRun());
  tt.same(d.findings.filter((f) => f.severity !== 'info'), [], JSON.stringify(d.findings.map((f) => f.message)));
  tt.equal(d.stepEvents, 1000);
  tt.end();
});

t.test('NaN: first step, count and last finite loss cited; fix lowers lr', (tt) => {
  const run = makeRun({ loss: (s) => (s >= 300 ? NaN : 2 + 8 * Math.exp(-s / 150)), noise: 0 });
  const f = find(diagnoseRun(run).findings, 'non_finite');
  tt.equal(f.severity, 'error');
  tt.equal(f.step, 300);
  tt.equal(f.values.count, 700);
  tt.ok(Math.abs(f.values.lastFiniteLoss! - (2 + 8 * Math.exp(-299 / 150))) < 1e-9);
  tt.equal(f.fix?.lr, 3e-5);
  tt.equal(f.fix?.clipGradNorm, 1);
  tt.match(f.message, /step 300/);
  tt.end();
});

t.test('loss explosion: onset after the best loss', (tt) => {
  const run = makeRun({ loss: (s) => (s < 600 ? 2 + 8 * Math.exp(-s / 150) : 2.2 + 0.05 * (s - 600)) });
  const d = diagnoseRun(run);
  const f = find(d.findings, 'loss_explosion');
  tt.ok(f.step > 600 && f.step < 660, `onset ${f.step}`);
  tt.ok(f.values.bestStep! <= 610, `best at ${f.values.bestStep}`);
  tt.ok(f.values.loss! > 2 * f.values.bestLoss!);
  tt.notOk(ids(d.findings).includes('plateau'), 'a rising loss is not a plateau');
  tt.end();
});

t.test('loss spikes: the spike steps are cited', (tt) => {
  const spikes = new Set([250, 500, 750]);
  const run = makeRun({ loss: (s) => (2 + 8 * Math.exp(-s / 150)) * (spikes.has(s) ? 3 : 1) });
  const d = diagnoseRun(run);
  const f = find(d.findings, 'loss_spikes');
  tt.same(f.steps, [250, 500, 750]);
  tt.equal(f.values.count, 3);
  tt.notOk(ids(d.findings).includes('loss_explosion'));
  tt.end();
});

t.test('plateau: onset near where the loss stopped improving', (tt) => {
  const run = makeRun({ loss: (s) => (s < 300 ? 10 - 7 * (s / 300) : 3), noise: 0.005 });
  const f = find(diagnoseRun(run).findings, 'plateau');
  tt.ok(f.step >= 295 && f.step <= 330, `onset ${f.step}`);
  tt.ok(Math.abs(f.values.plateauLoss! - 3) < 0.05);
  tt.ok(f.fix?.earlyStopping);
  tt.end();
});

t.test('no learning: flat loss from the start', (tt) => {
  const d = diagnoseRun(makeRun({ loss: () => 10.8, lr: () => 1e-6 }));
  const f = find(d.findings, 'no_learning');
  tt.equal(f.severity, 'error');
  tt.equal(f.fix?.lr, 1e-5, 'tiny lr -> raise it 10x');
  tt.notOk(ids(d.findings).includes('plateau'));
  tt.end();
});

t.test('overfitting: onset at the best validation loss while train loss falls', (tt) => {
  const run = makeRun({ evalEvery: 100, val: (s) => 3 + 0.000004 * (s - 500) ** 2 });
  const f = find(diagnoseRun(run).findings, 'overfitting');
  tt.equal(f.step, 500);
  tt.equal(f.values.bestValLoss, 3);
  tt.ok(f.values.trainLossAtLast! < f.values.trainLossAtBest!);
  tt.same(f.steps, [500, 600, 700, 800, 900]);
  tt.equal(f.fix?.evalEvery, 100);
  tt.same(f.fix?.earlyStopping, { patience: 2, minDelta: 0.03 });
  // Validation still improving: nothing to report.
  const ok = makeRun({ evalEvery: 100, val: (s) => 3 + 1000 / (s + 100) });
  tt.notOk(ids(diagnoseRun(ok).findings).includes('overfitting'));
  tt.end();
});

t.test('oscillation: zigzag with a large amplitude', (tt) => {
  const run = makeRun({ loss: (s) => (s >= 400 && s < 600 ? 3 * (s % 2 ? 1.3 : 0.7) : 2 + 8 * Math.exp(-s / 150)), noise: 0 });
  const f = find(diagnoseRun(run).findings, 'oscillation');
  tt.ok(f.step >= 400 && f.step < 440, `starts ${f.step}`);
  tt.ok(f.values.signChangeRate! >= 0.8);
  tt.end();
});

t.test('warm-up: none and unstable early; and loss rising at the peak', (tt) => {
  const noWarm = makeRun({ lr: () => 1e-3, loss: (s) => (s === 30 || s === 45 || s === 60 ? 30 : 2 + 8 * Math.exp(-s / 150)) });
  const f = find(diagnoseRun(noWarm).findings, 'warmup');
  tt.equal(f.values.firstLr, 1e-3);
  tt.equal(f.values.troubleStep, 30);
  tt.equal(f.fix?.warmupSteps, 100);
  // Short warm-up to a high peak: loss drops, then climbs right after the peak at step 10.
  const short = makeRun({
    lr: (s) => (s < 10 ? (1e-3 * (s + 1)) / 10 : 1e-3),
    loss: (s) => (s < 10 ? 10 - 0.5 * s : s < 40 ? 5.5 + 0.2 * (s - 10) : Math.max(3, 11.5 - 0.02 * (s - 40))),
    noise: 0.005,
  });
  const g = diagnoseRun(short).findings.find((x) => x.id === 'warmup' && x.values.warmupEndStep !== undefined && x.values.peakLr !== undefined);
  tt.ok(g, 'warm-up finding at the peak');
  tt.equal(g?.values.warmupEndStep, 9);
  tt.equal(g?.fix?.lr, 5e-4);
  tt.end();
});

t.test('warm-up longer than half the run', (tt) => {
  const f = find(diagnoseRun(makeRun({ lr: (s) => 1e-3 * Math.min(1, (s + 1) / 600) })).findings, 'warmup_too_long');
  tt.equal(f.severity, 'info');
  tt.equal(f.values.warmupEndStep, 593, 'first step within 1% of the peak');
  tt.equal(f.fix?.warmupSteps, 50);
  tt.end();
});

t.test('throughput drop: sustained, cited with baseline', (tt) => {
  const run = makeRun({ tps: (s) => (s >= 500 ? 4000 : 10000) });
  const f = find(diagnoseRun(run).findings, 'throughput_drop');
  tt.ok(f.step >= 495 && f.step <= 510, `step ${f.step}`);
  tt.ok(Math.abs(f.values.baselineTokensPerSecond! - 10000) < 300);
  tt.ok(f.values.ratio! < 0.45);
  tt.match(f.message, /did not recover/);
  tt.end();
});

t.test('gradient norms: spikes, explosion, vanishing, always clipped', (tt) => {
  const spiky = diagnoseRun(makeRun({ gradNorm: (s) => (s === 300 || s === 700 ? 50 : 1) }));
  tt.same(find(spiky.findings, 'grad_norm_spikes').steps, [300, 700]);
  const growing = diagnoseRun(makeRun({ gradNorm: (s) => Math.exp(s / 150) }));
  tt.ok(find(growing.findings, 'grad_norm_exploding').values.lateGradNorm! > 100);
  const vanishing = diagnoseRun(makeRun({ gradNorm: (s) => Math.exp(-s / 40) }));
  tt.ok(find(vanishing.findings, 'grad_norm_vanishing').values.lateGradNorm! < 1e-8);
  const clipped = diagnoseRun(makeRun({ gradNorm: () => 5 }), { clipGradNorm: 1 });
  tt.equal(find(clipped.findings, 'grad_clipped').values.clippedFraction, 1);
  tt.end();
});

t.test('JSONL history with NaN strings, and bad input', (tt) => {
  const text = '{"type":"step","step":1,"loss":3.2}\n\n{"type":"step","step":2,"loss":"NaN","gradNorm":"Infinity"}\n';
  const ev = parseTrainLog(text);
  tt.ok(Number.isNaN(ev[1]!.loss));
  tt.equal(ev[1]!.gradNorm, Infinity);
  tt.equal(find(diagnoseRun(text).findings, 'non_finite').step, 2);
  tt.throws(() => diagnoseRun('{"type":"step","step":1}\nnot json\n'), /log line 2 is not valid JSON/);
  tt.throws(() => diagnoseRun([{ type: 'step', step: 1.5, loss: 1 }]), /history\[0\].step must be a non-negative integer/);
  tt.throws(() => diagnoseRun([{ type: 'step', step: 1, loss: 'x' as unknown as number }]), /history\[0\].loss must be a number/);
  tt.throws(() => diagnoseRun([{ type: 'weird' as 'step', step: 1 }]), /history\[0\].type/);
  tt.throws(() => diagnoseRun([]), LmforgeError);
  tt.throws(() => diagnoseRun(makeRun(), { window: -1 }), /options.window/);
  tt.end();
});

t.test('formatRunDiagnosis: one line per finding with its fix', (tt) => {
  const text = formatRunDiagnosis(diagnoseRun(makeRun({ loss: (s) => (s >= 300 ? NaN : 3) })));
  tt.match(text, /^1000 step events, 0 eval events \(steps 0\.\.999\): \d+ finding\(s\)/);
  tt.match(text, /\[ERROR\] non_finite @ step 300: Non-finite values from step 300/);
  tt.match(text, /fix: \{"lr":0\.00003,"clipGradNorm":1,"precision":"bf16"\}/);
  tt.match(formatRunDiagnosis(diagnoseRun(makeRun())), /no problems found|finding/);
  tt.end();
});
