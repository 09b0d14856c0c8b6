import t from 'tap';
import { diagnosticsCallback } from '../../lib/eval/diagnostics/callback.js';
import type { RunFinding } from '../../lib/eval/diagnostics/run.js';
import { makeRun } from './synthetic-runs.js';

t.test('warns once per finding and stops on NaN', (tt) => {
  const seen: RunFinding[] = [];
  const cb = diagnosticsCallback({ onFinding: (f) => seen.push(f), checkEvery: 10 });
  const run = makeRun({ loss: (s) => (s >= 400 ? NaN : (2 + 8 * Math.exp(-s / 150)) * (s === 200 || s === 260 || s === 330 ? 4 : 1)) });
  let stoppedAt = -1;
  for (const e of run) {
    if (cb.onProgress(e)) { stoppedAt = e.step; break; }
  }
  tt.equal(stoppedAt, 400, 'stops at the first NaN');
  tt.ok(cb.signal.aborted);
  tt.equal((cb.signal.reason as RunFinding).id, 'non_finite');
  const idsSeen = seen.map((f) => f.id);
  tt.same(idsSeen.filter((id) => id === 'loss_spikes').length, 1, 'spikes reported once although seen at many checks');
  tt.ok(idsSeen.includes('non_finite'));
  tt.equal(new Set(idsSeen).size, idsSeen.length, 'no finding twice');
  tt.same(cb.findings.map((f) => f.id), idsSeen);
  tt.end();
});

t.test('can keep going on NaN; flush reports at the end; bad events are named', (tt) => {
  const cb = diagnosticsCallback({ stopOnNonFinite: false, checkEvery: 1000 });
  let anyStop = false;
  for (const e of makeRun({ steps: 200, loss: (s) => (s === 150 ? NaN : 3) })) anyStop = cb.onProgress(e) || anyStop;
  tt.notOk(anyStop);
  tt.notOk(cb.stopped);
  tt.ok(cb.findings.some((f) => f.id === 'non_finite'));
  tt.same(cb.flush().map((f) => f.id).filter((id) => id === 'non_finite'), [], 'flush does not repeat');
  tt.throws(() => cb.onProgress({ type: 'step', step: -1 }), /event.step/);
  tt.throws(() => diagnosticsCallback({ checkEvery: 0 }), /options.checkEvery/);
  tt.end();
});
