import { LmforgeError } from '../errors.js';
import type { ShardSpec } from './readers/types.js';

/**
 * This machine's shard, from an explicit `i/N` string (e.g. `--shard 3/16`) or from the
 * environment of the scheduler that launched it:
 * - Slurm job arrays: `SLURM_ARRAY_TASK_ID` (offset by `SLURM_ARRAY_TASK_MIN`) of `SLURM_ARRAY_TASK_COUNT`;
 * - Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX`, with the count from `LMFORGE_SHARD_COUNT`
 *   (set it to the Job's `completions`; Kubernetes does not export it).
 * Returns undefined for a single-machine run.
 */
export function resolveShard(spec?: string | ShardSpec, env: NodeJS.ProcessEnv = process.env): ShardSpec | undefined {
  if (spec !== undefined && typeof spec !== 'string') return checkShard(spec, 'shard');
  if (typeof spec === 'string') {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
    if (!m) throw new LmforgeError('E_OPTION', `shard must look like "i/N" (0-based i), got "${spec}"`);
    return checkShard({ index: Number(m[1]), count: Number(m[2]) }, 'shard');
  }
  const slurmId = env['SLURM_ARRAY_TASK_ID'];
  if (slurmId !== undefined && slurmId !== '') {
    const min = Number(env['SLURM_ARRAY_TASK_MIN'] ?? 0);
    const count = env['SLURM_ARRAY_TASK_COUNT'] ?? (env['SLURM_ARRAY_TASK_MAX'] !== undefined ? String(Number(env['SLURM_ARRAY_TASK_MAX']) - min + 1) : undefined);
    if (count === undefined) throw new LmforgeError('E_OPTION', 'SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass the shard explicitly as i/N');
    return checkShard({ index: Number(slurmId) - min, count: Number(count) }, 'SLURM_ARRAY_TASK_ID');
  }
  const k8sIndex = env['JOB_COMPLETION_INDEX'];
  if (k8sIndex !== undefined && k8sIndex !== '') {
    const count = env['LMFORGE_SHARD_COUNT'];
    if (!count) throw new LmforgeError('E_OPTION', 'JOB_COMPLETION_INDEX is set but LMFORGE_SHARD_COUNT is not: set it to the Indexed Job\'s completions');
    return checkShard({ index: Number(k8sIndex), count: Number(count) }, 'JOB_COMPLETION_INDEX');
  }
  return undefined;
}

function checkShard(s: ShardSpec, what: string): ShardSpec {
  if (!Number.isInteger(s.count) || s.count < 1 || !Number.isInteger(s.index) || s.index < 0 || s.index >= s.count) {
    throw new LmforgeError('E_OPTION', `${what}: shard index must be an integer in [0, count) and count >= 1, got ${s.index}/${s.count}`);
  }
  return s;
}

/** File-name suffix of a shard (`00003-of-00016`), empty for unsharded runs. */
export function shardSuffix(shard: ShardSpec | undefined): string {
  if (!shard || shard.count <= 1) return '';
  return `${String(shard.index).padStart(5, '0')}-of-${String(shard.count).padStart(5, '0')}`;
}
