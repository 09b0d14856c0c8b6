/**
 * The tensor API: creation, module-level ops, scopes and runtime settings. The Tensor class itself is
 * native (native/tensor); here we add the JS-side conveniences to its prototype when the binary loads.
 */
import { inspect } from 'node:util';
import { nativeBinding, onNativeLoad } from '../native.js';
import { checkArg, LmforgeError } from '../errors.js';
import { formatTensor } from './format.js';
import type { NativeTensorBinding, BuildInfo } from './native-types.js';
import type { AnyTypedArray, DType, DeviceName, NestedArray, Tensor, TensorOptions } from './types.js';

export type { AnyTypedArray, DType, DeviceName, IndexEntry, NestedArray, Slice, Tensor, TensorOptions } from './types.js';
export type { BuildInfo } from './native-types.js';

const nt = (): NativeTensorBinding => nativeBinding<NativeTensorBinding>();

onNativeLoad((binding) => {
  const proto = (binding as unknown as NativeTensorBinding).Tensor.prototype as Tensor & Record<PropertyKey, unknown>;
  proto.toArray = function toArray(this: Tensor): NestedArray {
    const flat = this.toTypedArray();
    const values: Array<number | boolean> = Array.from(flat as ArrayLike<number | bigint>, (v) => (this.dtype === 'bool' ? v !== 0 : Number(v)));
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return values[offset];
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  };
  proto.toString = function toString(this: Tensor): string {
    if (this.isDisposed) return 'tensor(<disposed>)';
    return formatTensor(this.toTypedArray() as ArrayLike<number | bigint>, this.shape, this.dtype, this.device, this.requiresGrad);
  };
  proto[inspect.custom] = function custom(this: Tensor): string {
    return this.toString();
  };
  proto[Symbol.dispose] = function disposeSym(this: Tensor): void {
    this.dispose();
  };
});

function isTypedArray(x: unknown): x is AnyTypedArray | Uint32Array | Uint16Array {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** Flattens nested arrays row-major and infers their shape; ragged input is an error naming the position. */
function flatten(data: NestedArray): { values: Array<number | boolean>; shape: number[] } {
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe.length ? probe[0] : 0;
    if (shape[shape.length - 1] === 0) break;
  }
  const values: Array<number | boolean> = [];
  const walk = (x: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (Array.isArray(x)) throw new LmforgeError('RAGGED', `tensor: data${path} is nested deeper than data${'[0]'.repeat(dim)}`);
      if (typeof x !== 'number' && typeof x !== 'boolean') throw new TypeError(`tensor: data${path} must be a number or boolean, got ${typeof x}`);
      values.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new LmforgeError('RAGGED', `tensor: data${path} has ${Array.isArray(x) ? `length ${x.length}` : 'no elements'} but length ${shape[dim]} was expected (ragged arrays cannot form a tensor)`);
    }
    x.forEach((y, i) => walk(y, dim + 1, `${path}[${i}]`));
  };
  walk(data, 0, '');
  return { values, shape };
}

/**
 * Makes a tensor from nested arrays, a number, or a typed array (copied). Like torch.tensor: integers give
 * int64, other numbers float32, booleans bool, unless `options.dtype` says otherwise. A typed array keeps its
 * element type and is 1-D unless `options.shape` is given.
 */
export function tensor(data: NestedArray | AnyTypedArray | Uint32Array | Uint16Array, options: TensorOptions & { shape?: number[] } = {}): Tensor {
  const { shape: givenShape, ...opts } = options;
  if (isTypedArray(data)) {
    const shape = givenShape ?? [data.length];
    return nt().fromData(data, shape, opts, true);
  }
  checkArg(typeof data === 'number' || typeof data === 'boolean' || Array.isArray(data), 'data', 'a number, boolean, nested array or TypedArray', data);
  const { values, shape } = flatten(data);
  const finalShape = givenShape ?? shape;
  const allBool = values.length > 0 && values.every((v) => typeof v === 'boolean');
  if (allBool) return nt().fromData(Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0)), finalShape, { dtype: 'bool', ...opts }, true);
  const nums = values.map((v) => Number(v));
  const allInt = nums.length > 0 && nums.every((v) => Number.isSafeInteger(v));
  if (allInt && opts.dtype === undefined && !opts.requiresGrad) {
    return nt().fromData(BigInt64Array.from(nums, (v) => BigInt(v)), finalShape, { dtype: 'int64', ...opts }, true);
  }
  const src = opts.dtype === 'float64' ? Float64Array.from(nums) : Float32Array.from(nums);
  return nt().fromData(src, finalShape, { dtype: 'float32', ...opts }, true);
}

/**
 * Wraps a typed array without copying (CPU, same dtype). The tensor keeps the buffer alive; writes through
 * either side are visible to the other. Pass `options.dtype` or `device` to get a converted copy instead.
 */
export function fromBuffer(data: AnyTypedArray, shape?: number[], options: TensorOptions = {}): Tensor {
  checkArg(isTypedArray(data), 'data', 'a TypedArray', data);
  return nt().fromData(data, shape ?? [data.length], options, false);
}

export const zeros = (shape: number[] | number, options?: TensorOptions): Tensor => nt().zeros(shape, options);
export const ones = (shape: number[] | number, options?: TensorOptions): Tensor => nt().ones(shape, options);
export const empty = (shape: number[] | number, options?: TensorOptions): Tensor => nt().empty(shape, options);
/** Standard normal samples (seed with manualSeed). */
export const randn = (shape: number[] | number, options?: TensorOptions): Tensor => nt().randn(shape, options);
/** Uniform samples in [0, 1). */
export const rand = (shape: number[] | number, options?: TensorOptions): Tensor => nt().rand(shape, options);
export const full = (shape: number[] | number, value: number | boolean, options?: TensorOptions): Tensor => nt().full(shape, value, options);
/** Like torch.arange: integer arguments give int64, otherwise float32. `arange(n)` counts 0..n-1. */
export function arange(startOrEnd: number, end?: number, step = 1, options?: TensorOptions): Tensor {
  return end === undefined ? nt().arange(0, startOrEnd, step, options) : nt().arange(startOrEnd, end, step, options);
}
export const linspace = (start: number, end: number, steps: number, options?: TensorOptions): Tensor => nt().linspace(start, end, steps, options);
export const eye = (n: number, m?: number, options?: TensorOptions): Tensor => nt().eye(n, m, options);
export const cat = (tensors: Tensor[], dim = 0): Tensor => nt().cat(tensors, dim);
export const stack = (tensors: Tensor[], dim = 0): Tensor => nt().stack(tensors, dim);
export const where = (condition: Tensor, input: Tensor | number | boolean, other: Tensor | number | boolean): Tensor => nt().where(condition, input, other);
/** Cross-entropy of logits [N, C] against int64 class indices [N] (torch.nn.functional.cross_entropy). */
export const crossEntropy = (
  input: Tensor,
  target: Tensor,
  options?: { ignoreIndex?: number; reduction?: 'mean' | 'sum' | 'none'; labelSmoothing?: number },
): Tensor => nt().crossEntropy(input, target, options);
export const manualSeed = (seed: number): void => nt().manualSeed(seed);

/** True when `x` is a (native) Tensor. */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof (nt().Tensor as unknown as abstract new () => unknown);
}

/**
 * Runs `fn` and disposes every tensor created inside it except those it returns (a Tensor, or Tensors inside
 * a returned array or plain object). Works with async functions too: the scope closes when the promise settles.
 */
export function tidy<T>(fn: () => T): T {
  const binding = nt();
  binding.startScope();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    binding.endScope([]);
    throw err;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => {
        binding.endScope(collectTensors(v));
        return v;
      },
      (err: unknown) => {
        binding.endScope([]);
        throw err;
      },
    ) as T;
  }
  binding.endScope(collectTensors(result));
  return result;
}

function collectTensors(value: unknown, out: Tensor[] = [], depth = 0): Tensor[] {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (isTensor(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectTensors(v, out, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) collectTensors(v, out, depth + 1);
  return out;
}

/** Runs `fn` with gradient tracking off (torch.no_grad), restoring the previous mode afterwards. */
export function noGrad<T>(fn: () => T): T {
  const binding = nt();
  const prev = binding.setGradEnabled(false);
  try {
    return fn();
  } finally {
    binding.setGradEnabled(prev);
  }
}

// ----- runtime -----

/** Compute devices this build and machine offer. */
export function devices(): { cpu: true; cuda: number; mps: boolean } {
  const d = nt().devices();
  return { cpu: true, cuda: d.cuda, mps: d.mps };
}

/** cuda > mps > cpu. */
export function defaultDevice(): DeviceName {
  const d = devices();
  return d.cuda > 0 ? 'cuda' : d.mps ? 'mps' : 'cpu';
}

/** libtorch intra-op threads (set to the available cores on load; LMFORGE_NUM_THREADS overrides). */
export const getNumThreads = (): number => nt().getNumThreads();
export function setNumThreads(n: number): void {
  checkArg(Number.isInteger(n) && n >= 1, 'n', 'a positive integer', n);
  nt().setNumThreads(n);
}
/** libtorch version and the BLAS it runs on. */
export const buildInfo = (): BuildInfo => nt().buildInfo();

