import t from 'tap';
import { checkModelHealth } from '../../lib/eval/diagnostics/health.js';
import type { ParameterStat } from '../../lib/model/contracts.js';
import { StatsModel } from './stand-ins.js';

const p = (name: string, numel: number, o: Partial<ParameterStat> = {}): ParameterStat => ({
  name, shape: [numel], numel, trainable: true, norm: Math.sqrt(numel) * 0.02, nonFinite: 0, gradNorm: 0.1, gradNonFinite: 0, ...o,
});

t.test('counts, per-module table and a clean bill of health', (tt) => {
  const stats = [
    p('wte.weight', 1000, { trainable: false, gradNorm: null }),
    ...[0, 1, 2, 3].flatMap((i) => [p(`h.${i}.attn.c_attn.weight`, 300), p(`h.${i}.attn.c_attn.bias`, 30)]),
  ];
  const h = checkModelHealth(new StatsModel(stats));
  tt.equal(h.totalParams, 1000 + 4 * 330);
  tt.equal(h.trainableParams, 4 * 330);
  tt.equal(h.frozenParams, 1000);
  tt.ok(h.healthy, JSON.stringify(h.issues));
  tt.same(h.modules.map((m) => m.module), ['wte', 'h.0.attn.c_attn', 'h.1.attn.c_attn', 'h.2.attn.c_attn', 'h.3.attn.c_attn']);
  const m0 = h.modules[1]!;
  tt.ok(Math.abs(m0.gradNorm! - Math.sqrt(0.02)) < 1e-12, 'module grad norm = sqrt(0.1^2 + 0.1^2)');
  tt.match(h.table, /h\.0\.attn\.c_attn\s+330\s+330/);
  tt.match(h.table, /wte\s+1000\s+0 .* frozen/);
  tt.match(h.table, /total 2320 parameters: 1320 trainable, 1000 frozen/);
  tt.end();
});

t.test('NaN weights and grads, dead layers, norm outliers, nothing trainable', (tt) => {
  const stats = [
    ...[0, 1, 2, 3, 4].map((i) => p(`h.${i}.mlp.c_fc.weight`, 400, i === 3 ? { norm: 400 } : {})),
    p('h.0.ln_1.weight', 10, { nonFinite: 2 }),
    p('h.1.ln_1.weight', 10, { gradNorm: NaN, gradNonFinite: 3 }),
    p('h.2.ln_1.weight', 10, { gradNorm: 0 }),
  ];
  const h = checkModelHealth(new StatsModel(stats));
  tt.notOk(h.healthy);
  const kinds = h.issues.map((i) => `${i.kind}:${i.name}`);
  tt.ok(kinds.includes('non_finite_weights:h.0.ln_1.weight'));
  tt.ok(kinds.includes('non_finite_grads:h.1.ln_1.weight'));
  tt.ok(kinds.includes('dead_layer:h.2.ln_1'));
  tt.ok(kinds.includes('weight_norm_outlier:h.3.mlp.c_fc.weight'));
  tt.equal(kinds.filter((k) => k.startsWith('weight_norm_outlier')).length, 1, 'only the outlier');
  tt.match(h.table, /h\.2\.ln_1 .*DEAD/);
  const frozen = checkModelHealth(new StatsModel([p('a.weight', 5, { trainable: false, gradNorm: null })]));
  tt.same(frozen.issues.map((i) => i.kind), ['no_trainable_params']);
  tt.throws(() => checkModelHealth({} as StatsModel), /model must be an object with parameterStats/);
  tt.end();
});
