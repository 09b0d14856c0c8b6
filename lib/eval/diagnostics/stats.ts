/** Small robust statistics used by the run diagnostics. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median absolute deviation, scaled to match a normal standard deviation. */
export function mad(xs: readonly number[], med = median(xs)): number {
  return 1.4826 * median(xs.map((x) => Math.abs(x - med)));
}

function lowerBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Trailing rolling median: out[i] = median(xs[i-w+1 .. i]). Keeps the window sorted (binary-search
 * insert and delete), so a long history costs O(n w) element moves instead of a sort per step.
 */
export function rollingMedian(xs: readonly number[], w: number): number[] {
  const win: number[] = [];
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    win.splice(lowerBound(win, xs[i]!), 0, xs[i]!);
    if (i >= w) win.splice(lowerBound(win, xs[i - w]!), 1);
    const m = win.length >> 1;
    out[i] = win.length % 2 ? win[m]! : (win[m - 1]! + win[m]!) / 2;
  }
  return out;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Rounds for messages without hiding small values. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}
