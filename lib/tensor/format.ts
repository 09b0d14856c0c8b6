/**
 * Prints a tensor the way PyTorch does (torch/_tensor_str.py's default profile): 4 decimals, scientific
 * notation when the magnitudes call for it, integer-valued floats as `1.`, elements padded to one width,
 * and summaries (`...`, 3 edge items) past 1,000 elements.
 */
import type { DType } from './types.js';

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;

interface Formatter {
  width: number;
  format(v: number | bigint | boolean): string;
}

function makeFormatter(values: Array<number | bigint>, dtype: DType): Formatter {
  if (dtype === 'bool') return { width: 5, format: (v) => (v ? 'True' : 'False') };
  const isFloat = dtype.startsWith('float') || dtype === 'bfloat16';
  if (!isFloat) {
    const strs = values.map((v) => String(v));
    const width = Math.max(1, ...strs.map((s) => s.length));
    return { width, format: (v) => String(v) };
  }
  const finite = (values as number[]).filter((v) => Number.isFinite(v));
  const nonzero = finite.map(Math.abs).filter((v) => v !== 0);
  let format: (v: number) => string;
  const special = (v: number): string | null => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : null);
  const intMode = finite.every((v) => Number.isInteger(v));
  const maxAbs = nonzero.length ? Math.max(...nonzero) : 0;
  const minAbs = nonzero.length ? Math.min(...nonzero) : 0;
  if (intMode) {
    if (maxAbs > 1e8) format = (v) => special(v) ?? sci(v);
    else format = (v) => special(v) ?? `${v.toFixed(0)}.`;
  } else if (maxAbs / (minAbs || 1) > 1000 || maxAbs > 1e8 || (minAbs > 0 && minAbs < 1e-4)) {
    format = (v) => special(v) ?? sci(v);
  } else {
    format = (v) => special(v) ?? v.toFixed(PRECISION);
  }
  const width = Math.max(1, ...(values as number[]).map((v) => format(v).length));
  return { width, format: (v) => format(Number(v)) };
}

function sci(v: number): string {
  const [mant, exp] = v.toExponential(PRECISION).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Values of a flat row-major buffer, summarised (edges only) when the tensor is large. */
function gatherShown(data: ArrayLike<number | bigint>, shape: number[], summarize: boolean): Array<number | bigint> {
  const out: Array<number | bigint> = [];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const walk = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      out.push(data[offset]);
      return;
    }
    const n = shape[dim];
    const idx = summarize && n > 2 * EDGE_ITEMS ? [...range(0, EDGE_ITEMS), ...range(n - EDGE_ITEMS, n)] : range(0, n);
    for (const i of idx) walk(dim + 1, offset + i * strides[dim]);
  };
  walk(0, 0);
  return out;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

export function formatTensor(data: ArrayLike<number | bigint>, shape: number[], dtype: DType, device: string, requiresGrad: boolean): string {
  const numel = shape.reduce((a, b) => a * b, 1);
  const summarize = numel > THRESHOLD;
  const shown = numel === 0 ? [] : gatherShown(data, shape, summarize);
  const fmt = makeFormatter(dtype === 'bool' ? shown.map((v) => Number(v)) : shown, dtype);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const indent = 'tensor('.length;
  const cell = (v: number | bigint): string => fmt.format(dtype === 'bool' ? Number(v) !== 0 : v).padStart(fmt.width);

  const render = (dim: number, offset: number, depth: number): string => {
    const n = shape[dim];
    const idx = summarize && n > 2 * EDGE_ITEMS ? [...range(0, EDGE_ITEMS), -1, ...range(n - EDGE_ITEMS, n)] : range(0, n);
    if (dim === shape.length - 1) {
      const items = idx.map((i) => (i < 0 ? ' ...' : cell(data[offset + i * strides[dim]])));
      // Wrap long rows like PyTorch (linewidth 80).
      const lines: string[] = [];
      let line = '';
      for (const it of items) {
        const piece = line ? `${line}, ${it}` : it;
        if (piece.length + indent + depth + 2 > LINE_WIDTH && line) {
          lines.push(line + ',');
          line = it;
        } else line = piece;
      }
      lines.push(line);
      return `[${lines.join('\n' + ' '.repeat(indent + depth + 1))}]`;
    }
    const sep = ',' + '\n'.repeat(shape.length - dim - 1) + ' '.repeat(indent + depth + 1);
    const parts = idx.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * strides[dim], depth + 1)));
    return `[${parts.join(sep)}]`;
  };

  let body: string;
  if (shape.length === 0) body = fmt.format(dtype === 'bool' ? Number(data[0]) !== 0 : data[0]);
  else if (numel === 0) body = '[]';
  else body = render(0, 0, 0);
  const extras: string[] = [];
  if (device !== 'cpu') extras.push(`device='${device}'`);
  const implicit = dtype === 'float32' || dtype === 'int64' || dtype === 'bool';
  if (numel === 0 && shape.length > 1) extras.push(`size=(${shape.join(', ')})`);
  if (!implicit) extras.push(`dtype=torch.${dtype}`);
  if (requiresGrad) extras.push('requires_grad=True');
  return `tensor(${body}${extras.length ? ', ' + extras.join(', ') : ''})`;
}
