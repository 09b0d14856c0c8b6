/** The slice of the native binding that the model and train areas use (native/model, native/train). */
import type { ParameterStat } from './contracts.js';
import type { GPTConfig } from './config.js';
import type { TrainSummary } from '../train/train.js';

/** The native side takes the same fields as the public config. */
export type NativeGPTConfig = GPTConfig;

/** One tensor of a safetensors file, as its header describes it (offsets relative to the data section). */
export interface SafetensorsEntry {
  key: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

export interface NativeLoraInfo {
  name: string;
  r: number;
  alpha: number;
  scaling: number;
  dropout: number;
  merged: boolean;
}

export interface NativeGPT {
  config(): NativeGPTConfig;
  device(): string;
  namedParameters(): { name: string; shape: number[]; trainable: boolean }[];
  parameterStats(): ParameterStat[];
  tokenLogProbs(ids: Uint32Array | Int32Array | number[]): Promise<Float32Array>;
  generate(prompt: Uint32Array | Int32Array | number[], options: object): Promise<Uint32Array>;
  loadSafetensors(path: string, dataStart: number, entries: (SafetensorsEntry & { param: string })[]): void;
  saveSafetensors(path: string, entries: { key: string; param: string }[], dtype?: string, metadata?: Record<string, string>): void;
  applyLora(targets: string[], r: number, alpha: number, dropout: number, useRslora: boolean, seed: number): void;
  mergeLora(merge: boolean): void;
  loraInfo(): NativeLoraInfo[];
  setTrainable(name: string, trainable: boolean): void;
  resizeTokenEmbeddings(n: number, seed?: number): void;
  to(device: string): void;
  parameter(name: string): unknown;
}

export interface NativeTrainHandle {
  promise: Promise<NativeTrainSummary>;
  stop(): void;
}

/** What the native loop resolves with; train() narrows stopReason to its union. */
export type NativeTrainSummary = Omit<TrainSummary, 'stopReason'> & { stopReason: string };

export interface ModelBinding {
  NativeGPT: new (config: Partial<NativeGPTConfig>, seed?: number) => NativeGPT;
  train(model: NativeGPT, options: object, onEvent: (e: unknown) => void): NativeTrainHandle;
  matmulGflops(n: number, iters: number): number;
  setNumThreads(n: number): void;
  getNumThreads(): number;
}
