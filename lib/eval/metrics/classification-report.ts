/**
 * `classificationReport`: scikit-learn's `classification_report`, both as data and as the exact text
 * sklearn prints (same column widths, same rounding), so reports can be diffed against notebooks.
 */
import { checkArg } from '../../errors.js';
import { precisionRecallFscore, type ClassLabel } from './classification.js';

export interface ReportRow {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  /** One row per label. */
  labels: ReportRow[];
  /** 'accuracy' (as sklearn, when all labels are reported) or 'micro avg', then 'macro avg', 'weighted avg'. */
  averages: ReportRow[];
  accuracy?: number;
  text: string;
}

export interface ClassificationReportOptions {
  labels?: ClassLabel[];
  /** Display names for `labels` (same order). */
  targetNames?: string[];
  /** Decimals. Default 2. */
  digits?: number;
  zeroDivision?: 0 | 1;
}

/**
 * Python's `format(x, '.Nf')`: correctly rounded with ties to even. JS `toFixed` breaks exact ties
 * upwards (0.125 -> "0.13" where Python prints "0.12"), so exact ties are detected and fixed.
 */
export function pyFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  if (!Number.isFinite(x) || digits > 60) return s;
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 40));
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return s;
  // Exact tie: round half to even on the truncated value.
  const truncated = exact.slice(0, exact.indexOf('.') + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(truncated.replace('.', '').slice(-1));
  if (lastDigit % 2 === 0) return (x < 0 ? '-' : '') + truncated;
  return s;
}

export function classificationReport(yTrue: ClassLabel[], yPred: ClassLabel[], options: ClassificationReportOptions = {}): ClassificationReport {
  const digits = options.digits ?? 2;
  checkArg(Number.isInteger(digits) && digits >= 0 && digits <= 20, 'options.digits', 'an integer from 0 to 20', digits);
  const zd = options.zeroDivision ?? 0;
  const per = precisionRecallFscore(yTrue, yPred, { average: null, labels: options.labels, zeroDivision: zd });
  const labels = per.labels;
  const names = options.targetNames ?? labels.map(String);
  checkArg(Array.isArray(names) && names.length === labels.length, 'options.targetNames', `an array of ${labels.length} names`, names);
  const [ps, rs, fs, ss] = [per.precision, per.recall, per.fscore, per.support] as number[][];
  const rows: ReportRow[] = labels.map((_, i) => ({ name: names[i]!, precision: ps![i]!, recall: rs![i]!, f1: fs![i]!, support: ss![i]! }));
  const total = ss!.reduce((a, b) => a + b, 0);
  const present = new Set<ClassLabel>([...yTrue, ...yPred]);
  const microIsAccuracy = options.labels === undefined || (options.labels.length === present.size && options.labels.every((l) => present.has(l)));
  const averages: ReportRow[] = [];
  let accuracy: number | undefined;
  for (const avg of ['micro', 'macro', 'weighted'] as const) {
    const r = precisionRecallFscore(yTrue, yPred, { average: avg, labels: options.labels ?? labels, zeroDivision: zd });
    const name = avg === 'micro' && microIsAccuracy ? 'accuracy' : `${avg} avg`;
    if (name === 'accuracy') accuracy = r.fscore as number;
    averages.push({ name, precision: r.precision as number, recall: r.recall as number, f1: r.fscore as number, support: total });
  }
  // Layout of sklearn's classification_report.
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const right = (s: string, w: number): string => s.padStart(w);
  const num = (x: number): string => right(pyFixed(x, digits), 9);
  let text = `${right('', width)}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => right(h, 9)).join(' ')}\n\n`;
  for (const r of rows) text += `${right(r.name, width)}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1)} ${right(String(r.support), 9)}\n`;
  text += '\n';
  for (const r of averages) {
    text += r.name === 'accuracy'
      ? `${right(r.name, width)}  ${right('', 9)} ${right('', 9)} ${num(r.f1)} ${right(String(r.support), 9)}\n`
      : `${right(r.name, width)}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1)} ${right(String(r.support), 9)}\n`;
  }
  return { labels: rows, averages, ...(accuracy !== undefined ? { accuracy } : {}), text };
}
