/**
 * `checkModelHealth(model)`: parameter counts, NaN/Inf in weights and gradients per module, dead layers
 * (trainable but all-zero gradient) and weight-norm outliers among parameters of the same role across
 * layers. Works from `parameterStats()`, which the native model computes without copying weights.
 */
import { checkArg } from '../../errors.js';
import type { LanguageModelLike, ParameterStat } from '../../model/contracts.js';
import { fmt, mad, median } from './stats.js';

export interface ModuleHealth {
  /** Parameter name without its last part (`h.0.attn.c_attn`). */
  module: string;
  params: number;
  trainable: number;
  /** sqrt(sum of squared parameter norms). */
  weightNorm: number;
  /** Same for gradients; null when no parameter has a gradient. */
  gradNorm: number | null;
  nonFinite: number;
  gradNonFinite: number;
  /** Trainable with a gradient that is exactly zero everywhere. */
  dead: boolean;
}

export interface HealthIssue {
  kind: 'non_finite_weights' | 'non_finite_grads' | 'dead_layer' | 'weight_norm_outlier' | 'no_trainable_params';
  /** Parameter (or module) name. */
  name: string;
  message: string;
  value?: number;
}

export interface ModelHealth {
  totalParams: number;
  trainableParams: number;
  frozenParams: number;
  modules: ModuleHealth[];
  issues: HealthIssue[];
  healthy: boolean;
  /** The same as a fixed-width text table, for logs and terminals. */
  table: string;
}

export interface HealthOptions {
  /** Robust z-score (on log RMS weight) beyond which a parameter is an outlier among its peers. Default 5. */
  outlierZ?: number;
}

const moduleOf = (name: string): string => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name);
/** Peers: the same parameter in other layers (`h.3.attn.c_attn.weight` -> `h.*.attn.c_attn.weight`). */
const roleOf = (name: string): string => name.replace(/\.\d+\./g, '.*.');

export function checkModelHealth(model: Pick<LanguageModelLike, 'parameterStats'>, options: HealthOptions = {}): ModelHealth {
  checkArg(typeof model === 'object' && model !== null && typeof model.parameterStats === 'function', 'model', 'an object with parameterStats()', model);
  const stats: ParameterStat[] = model.parameterStats();
  checkArg(Array.isArray(stats), 'model.parameterStats()', 'an array', stats);
  const issues: HealthIssue[] = [];
  const mods = new Map<string, ModuleHealth & { w2: number; g2: number; anyGrad: boolean; allGradZero: boolean; anyTrainable: boolean }>();
  let total = 0;
  let trainable = 0;
  for (const [i, p] of stats.entries()) {
    checkArg(typeof p?.name === 'string' && Number.isFinite(p.numel) && p.numel >= 0, `model.parameterStats()[${i}]`, 'a ParameterStat', p);
    total += p.numel;
    if (p.trainable) trainable += p.numel;
    const key = moduleOf(p.name);
    let m = mods.get(key);
    if (!m) {
      m = { module: key, params: 0, trainable: 0, weightNorm: 0, gradNorm: null, nonFinite: 0, gradNonFinite: 0, dead: false, w2: 0, g2: 0, anyGrad: false, allGradZero: true, anyTrainable: false };
      mods.set(key, m);
    }
    m.params += p.numel;
    if (p.trainable) { m.trainable += p.numel; m.anyTrainable = true; }
    m.w2 += Number.isFinite(p.norm) ? p.norm * p.norm : 0;
    m.nonFinite += p.nonFinite;
    m.gradNonFinite += p.gradNonFinite;
    if (p.gradNorm !== null && p.trainable) {
      m.anyGrad = true;
      if (Number.isFinite(p.gradNorm)) m.g2 += p.gradNorm * p.gradNorm;
      if (p.gradNorm !== 0 || p.gradNonFinite > 0) m.allGradZero = false;
    }
    if (p.nonFinite > 0 || !Number.isFinite(p.norm)) {
      issues.push({ kind: 'non_finite_weights', name: p.name, value: p.nonFinite, message: `${p.name}: ${p.nonFinite} NaN/Inf weight value(s)` });
    }
    if (p.gradNonFinite > 0 || (p.gradNorm !== null && !Number.isFinite(p.gradNorm))) {
      issues.push({ kind: 'non_finite_grads', name: p.name, value: p.gradNonFinite, message: `${p.name}: ${p.gradNonFinite} NaN/Inf gradient value(s)` });
    }
  }
  const modules: ModuleHealth[] = [];
  for (const m of mods.values()) {
    const dead = m.anyTrainable && m.anyGrad && m.allGradZero;
    if (dead) issues.push({ kind: 'dead_layer', name: m.module, message: `${m.module}: trainable but its gradient is all zeros (dead layer, detached graph, or unused)` });
    modules.push({ module: m.module, params: m.params, trainable: m.trainable, weightNorm: Math.sqrt(m.w2), gradNorm: m.anyGrad ? Math.sqrt(m.g2) : null, nonFinite: m.nonFinite, gradNonFinite: m.gradNonFinite, dead });
  }
  // Outliers: RMS weight (norm / sqrt(numel)) far from its peers on a log scale; needs >= 4 peers.
  const z = options.outlierZ ?? 5;
  const roles = new Map<string, ParameterStat[]>();
  for (const p of stats) if (p.numel > 0 && Number.isFinite(p.norm) && p.norm > 0) {
    const r = roleOf(p.name);
    roles.set(r, [...(roles.get(r) ?? []), p]);
  }
  for (const [role, peers] of roles) {
    if (peers.length < 4) continue;
    const logs = peers.map((p) => Math.log(p.norm / Math.sqrt(p.numel)));
    const med = median(logs);
    const dev = Math.max(mad(logs, med), 0.05);
    peers.forEach((p, k) => {
      const score = (logs[k]! - med) / dev;
      if (Math.abs(score) > z) {
        issues.push({ kind: 'weight_norm_outlier', name: p.name, value: p.norm, message: `${p.name}: weight norm ${fmt(p.norm)} is ${score > 0 ? 'far above' : 'far below'} its ${peers.length} peers (${role}; robust z ${fmt(score)})` });
      }
    });
  }
  if (stats.length > 0 && trainable === 0) issues.push({ kind: 'no_trainable_params', name: '(model)', message: 'No trainable parameters: everything is frozen' });
  const table = formatHealthTable(modules, total, trainable);
  return { totalParams: total, trainableParams: trainable, frozenParams: total - trainable, modules, issues, healthy: issues.length === 0, table };
}

function formatHealthTable(modules: ModuleHealth[], total: number, trainable: number): string {
  const head = ['module', 'params', 'trainable', 'weight norm', 'grad norm', 'NaN/Inf w', 'NaN/Inf g', 'status'];
  const rows = modules.map((m) => [
    m.module, String(m.params), String(m.trainable), fmt(m.weightNorm), m.gradNorm === null ? '-' : fmt(m.gradNorm),
    String(m.nonFinite), String(m.gradNonFinite),
    m.nonFinite || m.gradNonFinite ? 'NON-FINITE' : m.dead ? 'DEAD' : m.trainable === 0 ? 'frozen' : 'ok',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line),
    `total ${total} parameters: ${trainable} trainable, ${total - trainable} frozen`,
  ].join('\n');
}
