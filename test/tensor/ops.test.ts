// Tensor ops against hand-computed values, including broadcasting and autograd checked by finite differences.
import t from 'tap';
import {
  tensor, zeros, ones, full, arange, linspace, eye, randn, rand, cat, stack, where, crossEntropy, manualSeed, noGrad,
  fromBuffer,
} from '../../lib/tensor/index.js';

const close = (a: number[], b: number[], tol = 1e-5): boolean => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= tol * Math.max(1, Math.abs(b[i])));
const flat = (x: { toTypedArray(): ArrayLike<number | bigint> }): number[] => Array.from(x.toTypedArray(), Number);

t.test('creation: shapes, dtypes, values', async (t) => {
  t.same(tensor([[1, 2], [3, 4]]).shape, [2, 2]);
  t.equal(tensor([[1, 2], [3, 4]]).dtype, 'int64', 'integers give int64 like torch.tensor');
  t.equal(tensor([1.5, 2]).dtype, 'float32');
  t.equal(tensor([true, false]).dtype, 'bool');
  t.equal(tensor(3.5).ndim, 0);
  t.equal(tensor(3.5).item(), 3.5);
  t.equal(tensor(new Int32Array([1, 2, 3])).dtype, 'int32');
  t.equal(tensor(new Float64Array([1, 2])).dtype, 'float64');
  t.same(flat(tensor(new Uint32Array([4000000000, 1]))), [4000000000, 1], 'uint32 widens to int64 without loss');
  t.same(zeros([2, 3]).toArray(), [[0, 0, 0], [0, 0, 0]]);
  t.same(ones(2).toArray(), [1, 1]);
  t.same(full([2], 7).toArray(), [7, 7]);
  t.same(arange(5).toArray(), [0, 1, 2, 3, 4]);
  t.equal(arange(5).dtype, 'int64');
  t.same(arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
  t.same(linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
  t.same(eye(2).toArray(), [[1, 0], [0, 1]]);
  t.equal(tensor([1, 2], { dtype: 'bfloat16' }).dtype, 'bfloat16');
  t.same(tensor([1, 2], { dtype: 'float16' }).toArray(), [1, 2]);
});

t.test('seeded random numbers repeat', async (t) => {
  manualSeed(42);
  const a = flat(randn([5]));
  manualSeed(42);
  t.same(flat(randn([5])), a);
  const u = flat(rand([1000]));
  t.ok(u.every((v) => v >= 0 && v < 1));
});

t.test('fromBuffer shares memory with the typed array', async (t) => {
  const buf = new Float32Array([1, 2, 3, 4]);
  const x = fromBuffer(buf, [2, 2]);
  buf[0] = 10;
  t.same(x.toArray(), [[10, 2], [3, 4]]);
  x.mul_(2);
  t.same(Array.from(buf), [20, 4, 6, 8]);
});

t.test('arithmetic with broadcasting and type promotion', async (t) => {
  const a = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
  const b = tensor([10, 20, 30], { dtype: 'float32' });
  t.same(a.add(b).toArray(), [[11, 22, 33], [14, 25, 36]]);
  t.same(a.sub(tensor([[1], [2]], { dtype: 'float32' })).toArray(), [[0, 1, 2], [2, 3, 4]]);
  t.same(a.mul(2).toArray(), [[2, 4, 6], [8, 10, 12]]);
  t.equal(a.mul(2.5).dtype, 'float32', 'a float scalar does not promote a float32 tensor');
  t.equal(tensor([1, 2]).mul(2.5).dtype, 'float32', 'int tensor * float scalar gives the default float');
  t.same(tensor([1, 2]).div(2).toArray(), [0.5, 1], 'true division like torch.div');
  t.same(tensor([2, 3]).pow(2).toArray(), [4, 9]);
  t.same(a.add(b, 2).toArray(), [[21, 42, 63], [24, 45, 66]], 'alpha scales the other operand');
});

t.test('matmul', async (t) => {
  const a = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
  const b = tensor([[5, 6], [7, 8]], { dtype: 'float32' });
  t.same(a.matmul(b).toArray(), [[19, 22], [43, 50]]);
  // batched: [2,1,2] @ [2,2] broadcasts the matrix
  const c = tensor([[[1, 0]], [[0, 1]]], { dtype: 'float32' });
  t.same(c.matmul(b).toArray(), [[[5, 6]], [[7, 8]]]);
});

t.test('reductions', async (t) => {
  const a = tensor([[1, 5, 3], [4, 2, 6]], { dtype: 'float32' });
  t.equal(a.sum().item(), 21);
  t.same(a.sum(0).toArray(), [5, 7, 9]);
  t.same(a.sum(1, true).toArray(), [[9], [12]]);
  t.same(a.mean([0, 1]).item(), 3.5);
  t.same(a.max(1).toArray(), [5, 6]);
  t.same(a.min(0).toArray(), [1, 2, 3]);
  t.same(a.argmax(1).toArray(), [1, 2]);
  t.equal(a.argmax().item(), 5);
  t.ok(Math.abs((a.var().item() as number) - 3.5) < 1e-6, 'unbiased variance of 1..6 is 3.5');
  t.ok(Math.abs((tensor([3, 4], { dtype: 'float32' }).norm().item() as number) - 5) < 1e-6);
});

t.test('softmax, log_softmax, activations', async (t) => {
  const x = tensor([1, 2, 3], { dtype: 'float32' });
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const s = e.reduce((p, q) => p + q);
  t.ok(close(flat(x.softmax(0)), e.map((v) => v / s)));
  t.ok(close(flat(x.logSoftmax(0)), e.map((v) => Math.log(v / s))));
  t.ok(close(flat(x.exp()), e));
  t.ok(close(flat(x.log()), [0, Math.log(2), Math.log(3)]));
  t.ok(close(flat(x.tanh()), [Math.tanh(1), Math.tanh(2), Math.tanh(3)]));
  t.ok(close(flat(x.sigmoid()), [1, 2, 3].map((v) => 1 / (1 + Math.exp(-v)))));
  t.same(tensor([-1, 2], { dtype: 'float32' }).relu().toArray(), [0, 2]);
  // GPT-2's tanh GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
  const g = (v: number): number => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
  t.ok(close(flat(x.gelu('tanh')), [1, 2, 3].map(g)));
  t.ok(close(flat(tensor([1], { dtype: 'float32' }).gelu()), [0.8413447460685429]), 'exact GELU(1) = Phi(1)');
});

t.test('shape ops', async (t) => {
  const a = arange(6);
  t.same(a.reshape([2, 3]).toArray(), [[0, 1, 2], [3, 4, 5]]);
  t.same(a.view([3, 2]).transpose(0, 1).toArray(), [[0, 2, 4], [1, 3, 5]]);
  t.same(a.reshape([1, 2, 3]).permute([2, 0, 1]).shape, [3, 1, 2]);
  t.same(a.reshape([1, 6, 1]).squeeze().shape, [6]);
  t.same(a.unsqueeze(0).shape, [1, 6]);
  t.notOk(a.reshape([2, 3]).transpose(0, 1).isContiguous());
  t.ok(a.reshape([2, 3]).transpose(0, 1).contiguous().isContiguous());
});

t.test('indexing and slicing', async (t) => {
  const a = arange(12).reshape([3, 4]);
  t.same(a.index(1).toArray(), [4, 5, 6, 7]);
  t.same(a.index([':', { start: 1, stop: 3 }]).toArray(), [[1, 2], [5, 6], [9, 10]]);
  t.same(a.index([{ step: 2 }, -1]).toArray(), [3, 11]);
  t.same(a.index([null, 0]).shape, [1, 4]);
  t.same(a.index(['...', 0]).toArray(), [0, 4, 8]);
  t.same(a.index(tensor([2, 0])).toArray(), [[8, 9, 10, 11], [0, 1, 2, 3]]);
  t.same(a.indexSelect(1, tensor([3, 0])).toArray(), [[3, 0], [7, 4], [11, 8]]);
  t.same(a.gather(1, tensor([[0], [1], [2]])).toArray(), [[0], [5], [10]]);
  const z = zeros([2, 2]);
  z.indexPut_([0, 1], 5);
  t.same(z.toArray(), [[0, 5], [0, 0]]);
});

t.test('cat, stack, split, chunk', async (t) => {
  const a = tensor([[1, 2]]);
  const b = tensor([[3, 4]]);
  t.same(cat([a, b]).toArray(), [[1, 2], [3, 4]]);
  t.same(cat([a, b], 1).toArray(), [[1, 2, 3, 4]]);
  t.same(stack([a, b]).shape, [2, 1, 2]);
  t.same(arange(5).split(2).map((x) => x.toArray()), [[0, 1], [2, 3], [4]]);
  t.same(arange(5).split([1, 4]).map((x) => x.toArray()), [[0], [1, 2, 3, 4]]);
  t.same(arange(6).chunk(3).map((x) => x.toArray()), [[0, 1], [2, 3], [4, 5]]);
});

t.test('where, comparisons, masked_fill, topk, multinomial', async (t) => {
  const x = tensor([1, 5, 3, 4]);
  t.same(x.gt(2).toArray(), [false, true, true, true]);
  t.same(x.eq(tensor([1, 0, 3, 0])).toArray(), [true, false, true, false]);
  t.same(where(x.gt(3), x, 0).toArray(), [0, 5, 0, 4]);
  t.same(x.maskedFill(x.lt(4), -1).toArray(), [-1, 5, -1, 4]);
  const { values, indices } = x.topk(2);
  t.same(values.toArray(), [5, 4]);
  t.same(indices.toArray(), [1, 3]);
  manualSeed(0);
  const probs = tensor([0, 0, 1, 0], { dtype: 'float32' });
  t.same(probs.multinomial(3, true).toArray(), [2, 2, 2], 'all mass on index 2');
});

t.test('cross entropy equals -log softmax at the target', async (t) => {
  const logits = tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]], { dtype: 'float32' });
  const target = tensor([0, 1]);
  const lse = (r: number[]): number => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
  const expected = ((lse([2, 1, 0.1]) - 2) + (lse([0.5, 2.5, 0.3]) - 2.5)) / 2;
  t.ok(Math.abs((crossEntropy(logits, target).item() as number) - expected) < 1e-6);
  t.same(flat(crossEntropy(logits, tensor([0, -100]), { reduction: 'sum' })).length, 1);
  t.ok(Math.abs((crossEntropy(logits, tensor([0, -100])).item() as number) - (lse([2, 1, 0.1]) - 2)) < 1e-6, 'ignoreIndex -100 skips a row');
});

t.test('autograd matches finite differences', async (t) => {
  // f(x, w) = sum(tanh(x @ w) * c) ; check df/dw numerically
  manualSeed(1);
  const x = randn([3, 4], { dtype: 'float64' });
  const w = randn([4, 2], { dtype: 'float64', requiresGrad: true });
  const c = tensor([[1, -2]], { dtype: 'float64' });
  const f = (wt: ReturnType<typeof tensor>): number => x.matmul(wt).tanh().mul(c).sum().item() as number;
  const out = x.matmul(w).tanh().mul(c).sum();
  out.backward();
  const grad = flat(w.grad!);
  const base = flat(w);
  const eps = 1e-6;
  const numeric = base.map((_, i) => {
    const plus = base.slice();
    const minus = base.slice();
    plus[i] += eps;
    minus[i] -= eps;
    return (f(tensor(plus, { dtype: 'float64', shape: [4, 2] })) - f(tensor(minus, { dtype: 'float64', shape: [4, 2] }))) / (2 * eps);
  });
  t.ok(close(grad, numeric, 1e-6), `analytic ${grad} vs numeric ${numeric}`);
  w.zeroGrad();
  t.same(flat(w.grad!), new Array(8).fill(0));
  const y = noGrad(() => w.mul(2));
  t.notOk(y.requiresGrad, 'noGrad turns tracking off');
  t.ok(w.mul(2).requiresGrad, 'and restores it');
});

t.test('toString prints like PyTorch', async (t) => {
  t.equal(tensor([[1, 2], [3, 4]], { dtype: 'float32' }).toString(), 'tensor([[1., 2.],\n        [3., 4.]])');
  t.equal(tensor([1.5, -2.25]).toString(), 'tensor([ 1.5000, -2.2500])');
  t.equal(tensor([1, 2, 3], { dtype: 'int32' }).toString(), 'tensor([1, 2, 3], dtype=torch.int32)');
  t.equal(tensor([true, false]).toString(), 'tensor([ True, False])');
  t.equal(tensor([1e-5, 1, 1000]).toString(), 'tensor([1.0000e-05, 1.0000e+00, 1.0000e+03])');
  t.equal(arange(2000).toString(), 'tensor([   0,    1,    2,  ..., 1997, 1998, 1999])', 'summarised like torch.arange(2000)');
  t.equal(tensor([1.5], { requiresGrad: true }).toString(), 'tensor([1.5000], requires_grad=True)');
});
