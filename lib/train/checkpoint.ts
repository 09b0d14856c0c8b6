/**
 * Reading training checkpoints written by the native loop (checkpointDir/step-XXXXXXXX/ with
 * model.safetensors, optimizer.safetensors, trainer_state.json) for resuming and for export.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LmforgeError } from '../errors.js';
import type { GPTConfig } from '../model/config.js';
import { readSafetensorsHeader, type SafetensorsHeader } from '../model/safetensors.js';

export interface TrainerState {
  format: string;
  step: number;
  optimizerStep: number;
  tokens: number;
  maxSteps: number;
  seed: number;
  bestValLoss: number | null;
  bestCheckpoint: string | null;
  evalsWithoutImprovement: number;
  lossScale: number;
  elapsedMs: number;
  config: GPTConfig;
  lora: { name: string; r: number; alpha: number; scaling: number; dropout: number; merged: boolean }[];
  trainable: string[];
}

export interface Checkpoint {
  dir: string;
  state: TrainerState;
  model: SafetensorsHeader;
  optimizer: SafetensorsHeader;
}

/** The step-* directories of a checkpoint folder, oldest first. */
export function listCheckpoints(checkpointDir: string): string[] {
  if (!existsSync(checkpointDir)) return [];
  return readdirSync(checkpointDir)
    .filter((n) => /^step-\d+$/.test(n) && statSync(join(checkpointDir, n)).isDirectory())
    .sort()
    .map((n) => join(checkpointDir, n));
}

/** `path` is a step-* directory or a checkpoint folder (its newest step is used). */
export function resolveCheckpoint(path: string): string {
  if (existsSync(join(path, 'trainer_state.json'))) return path;
  const all = listCheckpoints(path);
  if (!all.length) throw new LmforgeError('NO_CHECKPOINT', `${path}: no checkpoint (no trainer_state.json and no step-* directories)`);
  return all[all.length - 1];
}

export function readCheckpoint(path: string): Checkpoint {
  const dir = resolveCheckpoint(path);
  const statePath = join(dir, 'trainer_state.json');
  let state: TrainerState;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as TrainerState;
  } catch (err) {
    throw new LmforgeError('BAD_CHECKPOINT', `${statePath}: cannot read (${(err as Error).message})`, { cause: err });
  }
  if (state.format !== 'lmforge-checkpoint-v1') throw new LmforgeError('BAD_CHECKPOINT', `${statePath}: field "format" is ${JSON.stringify(state.format)}, expected "lmforge-checkpoint-v1"`);
  for (const k of ['step', 'optimizerStep', 'tokens', 'evalsWithoutImprovement'] as const) {
    if (!Number.isInteger(state[k]) || state[k] < 0) throw new LmforgeError('BAD_CHECKPOINT', `${statePath}: field "${k}" must be a non-negative integer`);
  }
  return {
    dir,
    state,
    model: readSafetensorsHeader(join(dir, 'model.safetensors')),
    optimizer: readSafetensorsHeader(join(dir, 'optimizer.safetensors')),
  };
}

/** Throws naming the first config field that differs between the checkpoint and the model. */
export function checkSameConfig(ckpt: Checkpoint, config: GPTConfig): void {
  for (const k of ['vocabSize', 'nPositions', 'nEmbd', 'nLayer', 'nHead', 'tieWordEmbeddings'] as const) {
    if (ckpt.state.config[k] !== config[k]) {
      throw new LmforgeError('CHECKPOINT_MISMATCH', `${join(ckpt.dir, 'trainer_state.json')}: config.${k} is ${ckpt.state.config[k]} but the model has ${config[k]}`);
    }
  }
}
