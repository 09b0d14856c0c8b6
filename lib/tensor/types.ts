/** Element types, named as in PyTorch (`torch.float32` is 'float32'). */
export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';
/** 'cpu', 'cuda', 'cuda:N' or 'mps'. */
export type DeviceName = 'cpu' | 'cuda' | 'mps' | `cuda:${number}`;

export interface TensorOptions {
  dtype?: DType;
  device?: DeviceName;
  requiresGrad?: boolean;
}

/** A slice in `index()`: like Python's `start:stop:step` (each optional, negatives count from the end). */
export interface Slice {
  start?: number;
  stop?: number;
  step?: number;
}
/** One entry of an index: an integer (select), null (new axis), '...' (ellipsis), ':' (all), a slice, or a tensor. */
export type IndexEntry = number | null | '...' | ':' | boolean | Slice | Tensor;

export type TypedArrayFor<D extends DType> = D extends 'float64' ? Float64Array
  : D extends 'int64' ? BigInt64Array
  : D extends 'int32' ? Int32Array
  : D extends 'int16' ? Int16Array
  : D extends 'int8' ? Int8Array
  : D extends 'uint8' | 'bool' ? Uint8Array
  : Float32Array;

export type AnyTypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** Nested arrays of numbers or booleans, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | boolean | NestedArray[];

type Operand = Tensor | number | boolean;

/**
 * An n-dimensional array backed by libtorch. Ops return new tensors (methods ending in `_` work in place and
 * return `this`). Native memory is freed by `dispose()` (or `using`, or a `tidy()` scope), else by GC.
 */
export interface Tensor {
  readonly shape: number[];
  readonly dtype: DType;
  readonly device: string;
  readonly numel: number;
  readonly ndim: number;
  requiresGrad: boolean;
  /** Gradient accumulated by backward(), or undefined. */
  readonly grad: Tensor | undefined;
  readonly isDisposed: boolean;

  dispose(): void;
  [Symbol.dispose](): void;
  /** A copy of the data as a flat typed array (float16/bfloat16 come back as Float32Array, bool as Uint8Array). */
  toTypedArray(): AnyTypedArray;
  /** Nested JS arrays (int64 values become numbers; exact up to 2^53). */
  toArray(): NestedArray;
  /** The single value of a one-element tensor. */
  item(): number | boolean;
  toString(): string;
  to(target: DType | DeviceName | { dtype?: DType; device?: DeviceName }): Tensor;
  clone(): Tensor;
  detach(): Tensor;
  contiguous(): Tensor;
  isContiguous(): boolean;

  add(other: Operand, alpha?: number): Tensor;
  sub(other: Operand): Tensor;
  mul(other: Operand): Tensor;
  div(other: Operand): Tensor;
  pow(exponent: Operand): Tensor;
  remainder(other: Operand): Tensor;
  maximum(other: Operand): Tensor;
  minimum(other: Operand): Tensor;
  matmul(other: Tensor): Tensor;
  add_(other: Operand): this;
  sub_(other: Operand): this;
  mul_(other: Operand): this;
  div_(other: Operand): this;
  zero_(): this;
  fill_(value: number | boolean): this;
  copy_(source: Tensor): this;

  eq(other: Operand): Tensor;
  ne(other: Operand): Tensor;
  lt(other: Operand): Tensor;
  le(other: Operand): Tensor;
  gt(other: Operand): Tensor;
  ge(other: Operand): Tensor;
  logicalAnd(other: Operand): Tensor;
  logicalOr(other: Operand): Tensor;
  logicalNot(): Tensor;
  maskedFill(mask: Tensor, value: number | boolean): Tensor;
  clamp(min?: number | null, max?: number | null): Tensor;
  allclose(other: Tensor, rtol?: number, atol?: number): boolean;
  equal(other: Tensor): boolean;

  neg(): Tensor;
  abs(): Tensor;
  exp(): Tensor;
  log(): Tensor;
  sqrt(): Tensor;
  rsqrt(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  sigmoid(): Tensor;
  relu(): Tensor;
  /** 'none' = exact erf GELU, 'tanh' = GPT-2's approximation. */
  gelu(approximate?: 'none' | 'tanh'): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  round(): Tensor;
  isnan(): Tensor;
  isfinite(): Tensor;

  sum(dim?: number | number[], keepdim?: boolean): Tensor;
  mean(dim?: number | number[], keepdim?: boolean): Tensor;
  prod(dim?: number, keepdim?: boolean): Tensor;
  var(dim?: number | number[], keepdim?: boolean, unbiased?: boolean): Tensor;
  std(dim?: number | number[], keepdim?: boolean, unbiased?: boolean): Tensor;
  norm(p?: number, dim?: number | number[], keepdim?: boolean): Tensor;
  max(dim?: number, keepdim?: boolean): Tensor;
  min(dim?: number, keepdim?: boolean): Tensor;
  argmax(dim?: number, keepdim?: boolean): Tensor;
  argmin(dim?: number, keepdim?: boolean): Tensor;
  softmax(dim: number): Tensor;
  logSoftmax(dim: number): Tensor;
  cumsum(dim: number): Tensor;

  reshape(shape: number[]): Tensor;
  view(shape: number[]): Tensor;
  transpose(dim0: number, dim1: number): Tensor;
  permute(dims: number[]): Tensor;
  squeeze(dim?: number): Tensor;
  unsqueeze(dim: number): Tensor;
  flatten(startDim?: number, endDim?: number): Tensor;
  expand(shape: number[]): Tensor;
  repeat(repeats: number[]): Tensor;
  narrow(dim: number, start: number, length: number): Tensor;
  tril(diagonal?: number): Tensor;
  triu(diagonal?: number): Tensor;

  /** Basic and advanced indexing, like Python's `t[0, 1:3, None, ...]`: `t.index([0, { start: 1, stop: 3 }, null, '...'])`. */
  index(spec: IndexEntry | IndexEntry[]): Tensor;
  indexPut_(spec: IndexEntry | IndexEntry[], value: Tensor | number | boolean): this;
  indexSelect(dim: number, index: Tensor): Tensor;
  gather(dim: number, index: Tensor): Tensor;
  split(splitSize: number | number[], dim?: number): Tensor[];
  chunk(chunks: number, dim?: number): Tensor[];
  topk(k: number, dim?: number, largest?: boolean, sorted?: boolean): { values: Tensor; indices: Tensor };
  sort(dim?: number, descending?: boolean): { values: Tensor; indices: Tensor };
  multinomial(numSamples: number, replacement?: boolean): Tensor;

  backward(gradient?: Tensor): void;
  zeroGrad(): void;
  setRequiresGrad(flag: boolean): this;
}
