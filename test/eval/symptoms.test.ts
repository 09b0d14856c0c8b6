import t from 'tap';
import { diagnose, symptomForFinding, SYMPTOM_TABLE } from '../../lib/eval/diagnostics/symptoms.js';

const top = (s: string): string | undefined => diagnose(s)[0]!.matches[0]?.id;

t.test('free-text symptoms reach the right table row', (tt) => {
  const cases: [string, string][] = [
    ['Loss goes to NaN after 300 steps', 'loss_explosion'],
    ['loss exploded to inf', 'loss_explosion'],
    ['RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB', 'out_of_memory'],
    ['CUDA OOM', 'out_of_memory'],
    ['val loss rising while train loss falls', 'overfitting'],
    ['Validation loss is going up', 'overfitting'],
    ['the model overfits', 'overfitting'],
    ['loss is stuck at 10.8', 'no_learning'],
    ["Loss doesn't decrease", 'no_learning'],
    ['training is super slow', 'slow_training'],
    ['tokens per second low', 'slow_training'],
    ['The loss keeps spiking', 'unstable_training'],
    ['loss oscillates wildly', 'unstable_training'],
  ];
  for (const [s, id] of cases) tt.equal(top(s), id, s);
  tt.same(diagnose('my cat is hungry')[0]!.matches, [], 'unknown symptom: no match');
  // One typo in a longer word still matches; short words must be exact.
  tt.equal(top('model is overfiting'), 'overfitting');
  tt.equal(top('ran out of memmory'), 'out_of_memory', 'memmori is one edit from memori');
  tt.equal(top('validaton loss increasing'), 'overfitting');
  tt.equal(top('training very slwo'), undefined, 'short words need an exact match');
  tt.equal(top('the loss oscilates'), 'unstable_training');
  tt.end();
});

t.test('answers carry causes, solutions and fixes as training options', (tt) => {
  const [d] = diagnose(['loss explodes']);
  const remedies = d!.matches[0]!.remedies;
  tt.ok(remedies.some((r) => r.fix?.lr === 1e-5));
  tt.ok(remedies.some((r) => r.fix?.clipGradNorm === 1));
  tt.ok(remedies.some((r) => r.fix?.precision === 'bf16'));
  const oom = diagnose('out of memory')[0]!.matches[0]!;
  tt.ok(oom.remedies.some((r) => r.fix?.gradientAccumulation !== undefined && r.fix.batchSize !== undefined));
  const over = diagnose('overfitting')[0]!.matches[0]!;
  tt.ok(over.remedies.some((r) => r.fix?.earlyStopping?.patience === 3));
  // Every row has at least one remedy with a fix, and the six seed rows are all present.
  tt.same(SYMPTOM_TABLE.map((e) => e.id).sort(), ['loss_explosion', 'no_learning', 'out_of_memory', 'overfitting', 'slow_training', 'unstable_training']);
  for (const e of SYMPTOM_TABLE) tt.ok(e.remedies.some((r) => r.fix), e.id);
  tt.equal(diagnose(['a', 'b']).length, 2);
  tt.throws(() => diagnose([3 as unknown as string]), /symptoms\[0\]/);
  tt.end();
});

t.test('run findings lead to their table row', (tt) => {
  tt.equal(symptomForFinding({ id: 'non_finite' })?.id, 'loss_explosion');
  tt.equal(symptomForFinding({ id: 'overfitting' })?.id, 'overfitting');
  tt.equal(symptomForFinding({ id: 'throughput_drop' })?.id, 'slow_training');
  tt.equal(symptomForFinding({ id: 'warmup_too_long' }), null);
  tt.end();
});
