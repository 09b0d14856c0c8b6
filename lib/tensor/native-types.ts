import type { AnyTypedArray, Tensor, TensorOptions } from './types.js';

/** The tensor and runtime slice of the native binding (native/tensor, native/runtime). */
export interface NativeTensorBinding {
  Tensor: { prototype: Tensor } & (abstract new (...args: never[]) => Tensor);
  fromData(data: AnyTypedArray | Uint32Array | Uint16Array, shape: number[], options?: TensorOptions, copy?: boolean): Tensor;
  zeros(shape: number[] | number, options?: TensorOptions): Tensor;
  ones(shape: number[] | number, options?: TensorOptions): Tensor;
  empty(shape: number[] | number, options?: TensorOptions): Tensor;
  randn(shape: number[] | number, options?: TensorOptions): Tensor;
  rand(shape: number[] | number, options?: TensorOptions): Tensor;
  full(shape: number[] | number, value: number | boolean, options?: TensorOptions): Tensor;
  arange(start: number, end: number, step?: number, options?: TensorOptions): Tensor;
  linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor;
  eye(n: number, m?: number, options?: TensorOptions): Tensor;
  cat(tensors: Tensor[], dim?: number): Tensor;
  stack(tensors: Tensor[], dim?: number): Tensor;
  where(condition: Tensor, input: Tensor | number | boolean, other: Tensor | number | boolean): Tensor;
  crossEntropy(input: Tensor, target: Tensor, options?: { ignoreIndex?: number; reduction?: 'mean' | 'sum' | 'none'; labelSmoothing?: number }): Tensor;
  startScope(): number;
  endScope(keep: Tensor[]): number;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  devices(): { cpu: true; cuda: number; cudaCompiled: boolean; mps: boolean };
  buildInfo(): BuildInfo;
  blasSgemmGflops(n: number, reps?: number): number;
  manualSeed(seed: number): void;
  setGradEnabled(enabled: boolean): boolean;
  isGradEnabled(): boolean;
}

export interface BuildInfo {
  torchVersion: string;
  torchMajor: number;
  torchMinor: number;
  /** Path of the BLAS library libtorch calls. */
  blasLibrary: string;
  /** OpenBLAS threading model: 'openmp' shares libtorch's pool; 'pthreads' is capped to 1 thread to avoid oversubscription. */
  blasParallel: 'openmp' | 'pthreads' | 'sequential' | 'unknown';
  blasThreads: number | null;
  blasConfig: string | null;
  parallelInfo: string;
}
