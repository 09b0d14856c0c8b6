/**
 * train(model, options): nanoGPT's training loop run natively on its own thread. Options are checked here
 * (errors name the option); the loop itself never calls into JS except to queue progress events.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LmforgeError, checkArg } from '../errors.js';
import type { TrainEvent } from '../model/contracts.js';
import type { GPT } from '../model/gpt.js';
import { modelBinding } from '../model/gpt.js';
import { loraConfigOf } from '../model/lora.js';
import { checkSameConfig, readCheckpoint } from './checkpoint.js';
import { tokenDtypeFor, tokenFileLength, type TokenDtype } from './token-file.js';

/** In-memory token ids, or a token file (raw uint16/uint32; dtype defaults from the model's vocabulary). */
export type TokenSource = Uint16Array | Uint32Array | Int32Array | { path: string; dtype?: TokenDtype };

export type StopReason = 'max_steps' | 'early_stopping' | 'aborted' | 'non_finite_loss';

export interface TrainOptions {
  trainData: TokenSource;
  valData?: TokenSource;
  batchSize?: number;
  /** Tokens per sequence; <= the model's nPositions (default: min(nPositions, 256)). */
  contextLength?: number;
  /** Optimizer steps; or give `epochs` (passes over trainData's tokens). */
  maxSteps?: number;
  epochs?: number;
  gradientAccumulation?: number;
  lr?: number;
  /** Floor of the decay (default lr / 10, as nanoGPT). */
  minLr?: number;
  schedule?: 'cosine' | 'linear' | 'constant';
  warmupSteps?: number;
  /** Decoupled weight decay on matrices and embeddings only (not biases or norms). */
  weightDecay?: number;
  betas?: [number, number];
  eps?: number;
  /** Max global grad norm; 0 disables clipping. */
  clipGradNorm?: number;
  /** 'bf16'/'fp16' use autocast (fp16: CUDA only, with dynamic loss scaling). */
  precision?: 'fp32' | 'bf16' | 'fp16';
  evalEvery?: number;
  evalSteps?: number;
  checkpointDir?: string;
  saveEvery?: number;
  keepLast?: number;
  keepBest?: boolean;
  earlyStopping?: { patience: number; minDelta?: number };
  seed?: number;
  device?: string;
  /** Training-thread OpenMP threads (default: the process setting). */
  threads?: number;
  /** Emit a 'step' event every N steps (default 1 on CPU, 10 elsewhere: reading the loss waits for the device). */
  logEvery?: number;
  signal?: AbortSignal;
  onProgress?: (event: TrainEvent) => void;
  /** Appends every event as one JSON line. */
  logFile?: string;
  /** A step-* checkpoint directory, or a checkpoint folder (its newest step). */
  resumeFrom?: string;
}

export interface TrainSummary {
  steps: number;
  tokens: number;
  bestValLoss: number | null;
  bestValPerplexity: number | null;
  lastLoss: number;
  wallMs: number;
  stopReason: StopReason;
  lastCheckpoint: string | null;
  bestCheckpoint: string | null;
}

function posInt(v: unknown, name: string, allowZero = false): void {
  checkArg(Number.isInteger(v) && (v as number) >= (allowZero ? 0 : 1), name, allowZero ? 'a non-negative integer' : 'a positive integer', v);
}

function sourceLength(src: TokenSource, name: string, vocab: number): { native: unknown; length: number } {
  if (src instanceof Uint16Array || src instanceof Uint32Array || src instanceof Int32Array) return { native: src, length: src.length };
  checkArg(typeof src === 'object' && src !== null && typeof (src as { path?: unknown }).path === 'string', name, 'a Uint16Array/Uint32Array/Int32Array or { path, dtype }', src);
  const dtype = src.dtype ?? tokenDtypeFor(vocab);
  if (dtype !== 'uint16' && dtype !== 'uint32') throw new TypeError(`${name}.dtype must be 'uint16' or 'uint32', got ${String(dtype)}`);
  return { native: { path: src.path, dtype }, length: tokenFileLength(src.path, dtype) };
}

/** Trains `model` in place; resolves when the run stops (see TrainSummary.stopReason). */
export async function train(model: GPT, options: TrainOptions): Promise<TrainSummary> {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  const o = options;
  const cfg = model.config;
  const trainData = sourceLength(o.trainData, 'options.trainData', cfg.vocabSize);
  const valData = o.valData === undefined ? undefined : sourceLength(o.valData, 'options.valData', cfg.vocabSize);
  const batchSize = o.batchSize ?? 8;
  const contextLength = o.contextLength ?? Math.min(cfg.nPositions, 256);
  const accum = o.gradientAccumulation ?? 1;
  posInt(batchSize, 'options.batchSize');
  posInt(contextLength, 'options.contextLength');
  posInt(accum, 'options.gradientAccumulation');
  if (contextLength > cfg.nPositions) throw new LmforgeError('BAD_OPTION', `options.contextLength ${contextLength} exceeds the model's nPositions ${cfg.nPositions}`);
  if (trainData.length < contextLength + 1) throw new LmforgeError('TOO_LITTLE_DATA', `options.trainData has ${trainData.length} tokens; it needs at least contextLength + 1 = ${contextLength + 1}`);
  if (valData && valData.length < contextLength + 1) throw new LmforgeError('TOO_LITTLE_DATA', `options.valData has ${valData.length} tokens; it needs at least contextLength + 1 = ${contextLength + 1}`);
  let maxSteps = o.maxSteps;
  if (maxSteps === undefined && o.epochs !== undefined) {
    checkArg(typeof o.epochs === 'number' && o.epochs > 0, 'options.epochs', 'a positive number', o.epochs);
    maxSteps = Math.max(1, Math.ceil((o.epochs * trainData.length) / (batchSize * contextLength * accum)));
  }
  if (maxSteps === undefined) throw new LmforgeError('BAD_OPTION', 'options.maxSteps or options.epochs is required');
  if (o.maxSteps !== undefined && o.epochs !== undefined) throw new LmforgeError('BAD_OPTION', 'give options.maxSteps or options.epochs, not both');
  posInt(maxSteps, 'options.maxSteps');
  const lr = o.lr ?? 6e-4;
  checkArg(typeof lr === 'number' && lr > 0 && Number.isFinite(lr), 'options.lr', 'a positive number', lr);
  const minLr = o.minLr ?? lr / 10;
  checkArg(typeof minLr === 'number' && minLr >= 0, 'options.minLr', 'a non-negative number', minLr);
  const schedule = o.schedule ?? 'cosine';
  if (!['cosine', 'linear', 'constant'].includes(schedule)) throw new TypeError(`options.schedule must be 'cosine', 'linear' or 'constant', got ${String(schedule)}`);
  const warmupSteps = o.warmupSteps ?? 0;
  posInt(warmupSteps, 'options.warmupSteps', true);
  const [beta1, beta2] = o.betas ?? [0.9, 0.95];
  checkArg(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, 'options.betas', 'two numbers in [0, 1)', o.betas);
  const weightDecay = o.weightDecay ?? 0.1;
  checkArg(typeof weightDecay === 'number' && weightDecay >= 0, 'options.weightDecay', 'a non-negative number', weightDecay);
  const clip = o.clipGradNorm ?? 1.0;
  checkArg(typeof clip === 'number' && clip >= 0, 'options.clipGradNorm', 'a non-negative number', clip);
  const precision = o.precision ?? 'fp32';
  if (!['fp32', 'bf16', 'fp16'].includes(precision)) throw new TypeError(`options.precision must be 'fp32', 'bf16' or 'fp16', got ${String(precision)}`);
  const evalEvery = o.evalEvery ?? (valData ? Math.max(1, Math.floor(maxSteps / 10)) : 0);
  posInt(evalEvery, 'options.evalEvery', true);
  const evalSteps = o.evalSteps ?? 20;
  posInt(evalSteps, 'options.evalSteps');
  if (o.saveEvery !== undefined) posInt(o.saveEvery, 'options.saveEvery', true);
  if (o.keepLast !== undefined) posInt(o.keepLast, 'options.keepLast', true);
  if ((o.saveEvery || o.keepBest) && !o.checkpointDir) throw new LmforgeError('BAD_OPTION', 'options.saveEvery/keepBest need options.checkpointDir');
  if (o.earlyStopping) {
    posInt(o.earlyStopping.patience, 'options.earlyStopping.patience');
    if (!valData) throw new LmforgeError('BAD_OPTION', 'options.earlyStopping needs options.valData');
  }
  const seed = o.seed ?? 1337;
  posInt(seed, 'options.seed', true);
  if (o.threads !== undefined) posInt(o.threads, 'options.threads');
  if (o.logEvery !== undefined) posInt(o.logEvery, 'options.logEvery');
  if (o.onProgress !== undefined) checkArg(typeof o.onProgress === 'function', 'options.onProgress', 'a function', o.onProgress);

  let resume: object | undefined;
  if (o.resumeFrom !== undefined) {
    const ck = readCheckpoint(o.resumeFrom);
    checkSameConfig(ck, cfg);
    const hasLora = (loraConfigOf(model) !== undefined) !== (ck.state.lora.length > 0);
    if (hasLora) throw new LmforgeError('CHECKPOINT_MISMATCH', `${ck.dir}: the checkpoint ${ck.state.lora.length ? 'has' : 'has no'} LoRA adapters but the model ${ck.state.lora.length ? 'has none' : 'has some'}; apply the same LoRA config before resuming`);
    resume = {
      model: { path: ck.model.path, dataStart: ck.model.dataStart, entries: ck.model.entries },
      optimizer: { path: ck.optimizer.path, dataStart: ck.optimizer.dataStart, entries: ck.optimizer.entries },
      step: ck.state.step,
      optimizerStep: ck.state.optimizerStep,
      tokens: ck.state.tokens,
      bestValLoss: ck.state.bestValLoss,
      bestCheckpoint: ck.state.bestCheckpoint,
      evalsWithoutImprovement: ck.state.evalsWithoutImprovement,
      lossScale: ck.state.lossScale ?? 1,
      elapsedMs: ck.state.elapsedMs ?? 0,
    };
  }
  if (o.logFile) mkdirSync(dirname(o.logFile), { recursive: true });

  const device = o.device ?? model.device;
  checkArg(typeof device === 'string', 'options.device', 'a string', device);
  const nativeOptions = {
    trainData: trainData.native,
    valData: valData?.native,
    batchSize,
    contextLength,
    maxSteps,
    gradientAccumulation: accum,
    lr,
    minLr,
    schedule,
    warmupSteps,
    weightDecay,
    beta1,
    beta2,
    eps: o.eps ?? 1e-8,
    clipGradNorm: clip,
    precision,
    evalEvery,
    evalSteps,
    // Reading the loss is a host sync: free on CPU, so every step there; every 10th step on accelerators.
    logEvery: o.logEvery ?? (device === 'cpu' ? 1 : 10),
    checkpointDir: o.checkpointDir,
    saveEvery: o.saveEvery ?? 0,
    keepLast: o.keepLast ?? 0,
    keepBest: o.keepBest ?? false,
    patience: o.earlyStopping?.patience ?? 0,
    minDelta: o.earlyStopping?.minDelta ?? 0,
    seed,
    device,
    threads: o.threads,
    resume,
  };

  let callbackError: unknown;
  // Runs on the JS thread for each queued event; an exception here must not escape into the native callback,
  // so a failing onProgress or log write stops the run at the next step boundary and is rethrown at the end.
  const onEvent = (raw: unknown) => {
    if (callbackError !== undefined) return;
    const e = raw as TrainEvent;
    try {
      if (o.logFile) appendFileSync(o.logFile, JSON.stringify(e) + '\n');
      o.onProgress?.(e);
    } catch (err) {
      callbackError = err;
      handle.stop();
    }
  };
  if (o.signal?.aborted) throw new LmforgeError('ABORTED', 'options.signal was already aborted');
  const handle = modelBinding().train(model.native, nativeOptions, onEvent);
  const onAbort = () => handle.stop();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const summary = await handle.promise;
    if (callbackError !== undefined) throw callbackError;
    return summary as TrainSummary;
  } catch (err) {
    if (err instanceof Error && !(err instanceof LmforgeError) && err.message.startsWith('train: ')) {
      throw new LmforgeError('TRAIN_FAILED', err.message.slice('train: '.length), { cause: err });
    }
    throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
