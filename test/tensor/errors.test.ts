// Bad shapes and types give JS errors with the op name and libtorch's first line — never a crash or backtrace.
import t from 'tap';
import { tensor, zeros, ones, cat, crossEntropy, arange, fromBuffer } from '../../lib/tensor/index.js';
import type { Tensor } from '../../lib/tensor/index.js';

t.test('shape errors name the op and keep only the first line', async (t) => {
  const err = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected a throw');
  };
  const m = err(() => zeros([2, 3]).matmul(zeros([4, 5])));
  t.equal(m.message, 'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
  t.notMatch(m.message, /\n/, 'no backtrace');
  t.match(err(() => zeros([2, 3]).add(zeros([4]))).message, /^add: The size of tensor a \(3\) must match the size of tensor b \(4\)/);
  t.match(err(() => zeros([6]).view([4])).message, /^view: shape '\[4\]' is invalid for input of size 6/);
  t.match(err(() => cat([zeros([2, 2]), zeros([3])])).message, /^cat: /);
  t.match(err(() => arange(3).index(5)).message, /^index: index 5 is out of bounds/);
  t.match(err(() => crossEntropy(zeros([2, 3]), tensor([0, 7]))).message, /^crossEntropy: /);
  t.match(err(() => zeros([2]).item()).message, /^item: a Tensor with 2 elements cannot be converted to a number/);
});

t.test('wrong argument types are TypeErrors naming the argument', async (t) => {
  t.throws(() => zeros([2]).add('x' as unknown as number), { name: 'TypeError', message: 'other must be a Tensor' });
  t.throws(() => zeros([2]).matmul(3 as unknown as Tensor), { name: 'TypeError', message: 'other must be a Tensor' });
  t.throws(() => zeros([2]).reshape('2' as unknown as number[]), { name: 'TypeError', message: /shape must be an array of integers/ });
  t.throws(() => zeros([2]).sum(1.5), { name: 'TypeError', message: /dim must be an integer/ });
  t.throws(() => zeros([2], { dtype: 'int99' as never }), { name: 'TypeError', message: /dtype must be one of/ });
  t.throws(() => zeros([2]).to('tpu' as never), { name: 'TypeError' });
  t.throws(() => tensor('abc' as never), { name: 'TypeError', message: /data must be/ });
  t.throws(() => tensor([[1, 2], [3]]), { message: /data\[1\] has length 1 but length 2 was expected/ });
  t.throws(() => tensor([1, 2, 3], { shape: [2, 2] }), { message: /shape has 4 elements but data has 3/ });
  t.throws(() => fromBuffer([1, 2] as never), { name: 'TypeError' });
});

t.test('absent devices are clear errors', async (t) => {
  t.throws(() => zeros([2]).to('cuda'), { message: /no CUDA support|no CUDA device visible/ });
  t.throws(() => zeros([2], { device: 'mps' }), { message: /no MPS support/ });
});

t.test('dispose is idempotent and use after dispose is an error', async (t) => {
  const x = ones([3]);
  const view = x.view([3]);
  x.dispose();
  x.dispose();
  t.ok(x.isDisposed);
  t.throws(() => x.add(1), { message: /disposed/ });
  t.throws(() => x.shape, { message: /disposed/ });
  t.same(view.toArray(), [1, 1, 1], 'a view keeps the shared storage alive');
  t.throws(() => ones([2]).add(x), { message: /other was disposed/ });
  {
    using y = ones([2]);
    t.equal(y.numel, 2);
  }
});
