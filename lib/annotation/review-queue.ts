import { checkArg } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { AggregatedItem } from './aggregate.js';
import type { Span } from './types.js';
import { isList } from './guards.js';

export interface ReviewQueueOptions {
  /** JSONL output: one item per line with text, every annotator's answer, votes and reasons. */
  jsonlPath?: string;
  /** HTML output: a self-contained page (inline CSS, no scripts, no external assets). */
  htmlPath?: string;
  /** Page title (default 'Review queue'). */
  title?: string;
  /** Guidelines shown at the top of the page. */
  guidelines?: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The text with one annotator's spans marked (overlaps are shown by their first span). */
function markSpans(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let html = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    html += escapeHtml(text.slice(at, s.start));
    html += `<mark title="${escapeHtml(s.label)}">${escapeHtml(text.slice(s.start, s.end))}<sub>${escapeHtml(s.label)}</sub></mark>`;
    at = s.end;
  }
  return html + escapeHtml(text.slice(at));
}

/** One JSON object per item (what the JSONL file holds). */
export function reviewQueueRecords(items: readonly AggregatedItem[]): object[] {
  return items.map((it) => ({
    id: it.id,
    text: it.text,
    reasons: it.reasons,
    agreement: it.agreement,
    votes: it.votes,
    annotations: it.annotations.map((a) => ({ annotator: a.annotator, ...(a.label !== undefined ? { label: a.label } : {}), ...(a.spans !== undefined ? { spans: a.spans } : {}) })),
  }));
}

/** The review page: each item's text, then each annotator's answer side by side. */
export function reviewQueueHtml(items: readonly AggregatedItem[], options: Pick<ReviewQueueOptions, 'title' | 'guidelines'> = {}): string {
  const title = escapeHtml(options.title ?? 'Review queue');
  const css = [
    'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}',
    '.item{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}',
    '.meta{color:#666;font-size:13px}.reason{background:#fde68a;border-radius:3px;padding:0 .3rem;margin-right:.3rem}',
    '.text{white-space:pre-wrap;background:#f8f8f8;padding:.5rem;border-radius:4px}',
    '.side{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.5rem;margin-top:.5rem}',
    '.ann{border:1px solid #ddd;border-radius:4px;padding:.5rem}.ann h4{margin:0 0 .3rem;font-size:13px}',
    '.label{font-weight:600}mark{background:#bfdbfe}mark sub{font-size:10px;color:#1e3a8a;margin-left:2px}',
    '.guide{white-space:pre-wrap;border-left:4px solid #93c5fd;padding-left:.75rem}',
  ].join('');
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title><style>${css}</style></head><body>`,
    `<h1>${title}</h1>`,
    `<p class="meta">${items.length} item${items.length === 1 ? '' : 's'} to review</p>`,
  ];
  if (options.guidelines) parts.push(`<div class="guide">${escapeHtml(options.guidelines)}</div>`);
  for (const it of items) {
    const hasSpans = it.annotations.some((a) => Array.isArray(a.spans) && a.spans.length > 0);
    parts.push(`<section class="item" id="${escapeHtml(it.id)}">`);
    parts.push(`<div class="meta">${escapeHtml(it.id)} · agreement ${(it.agreement * 100).toFixed(0)}% · ${it.annotators} annotator${it.annotators === 1 ? '' : 's'} ${it.reasons.map((r) => `<span class="reason">${escapeHtml(r)}</span>`).join('')}</div>`);
    if (!hasSpans) parts.push(`<div class="text">${escapeHtml(it.text)}</div>`);
    parts.push('<div class="side">');
    for (const a of it.annotations) {
      parts.push(`<div class="ann"><h4>${escapeHtml(a.annotator)}</h4>`);
      if (a.label !== undefined) parts.push(`<div class="label">${escapeHtml(a.label)}</div>`);
      if (hasSpans) parts.push(`<div class="text">${markSpans(it.text, a.spans ?? [])}</div>`);
      if (a.label === undefined && !hasSpans) parts.push('<div class="meta">no answer</div>');
      parts.push('</div>');
    }
    parts.push('</div></section>');
  }
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}

/**
 * Writes the review queue (items with ties or low agreement, e.g. `aggregateLabels(...).review`)
 * as JSONL and/or a self-contained HTML page, atomically. Returns the paths written.
 */
export async function writeReviewQueue(items: readonly AggregatedItem[], options: ReviewQueueOptions): Promise<{ jsonl?: string; html?: string; count: number }> {
  checkArg(isList(items), 'writeReviewQueue: items', 'an array of aggregated items', items);
  checkArg(options !== null && typeof options === 'object' && (options.jsonlPath !== undefined || options.htmlPath !== undefined),
    'writeReviewQueue: options', 'an object with jsonlPath and/or htmlPath', options);
  const out: { jsonl?: string; html?: string; count: number } = { count: items.length };
  if (options.jsonlPath !== undefined) {
    const lines = reviewQueueRecords(items).map((r) => JSON.stringify(r));
    await writeFileAtomic(options.jsonlPath, lines.join('\n') + (lines.length ? '\n' : ''));
    out.jsonl = options.jsonlPath;
  }
  if (options.htmlPath !== undefined) {
    const html: Pick<ReviewQueueOptions, 'title' | 'guidelines'> = {};
    if (options.title !== undefined) html.title = options.title;
    if (options.guidelines !== undefined) html.guidelines = options.guidelines;
    await writeFileAtomic(options.htmlPath, reviewQueueHtml(items, html));
    out.html = options.htmlPath;
  }
  return out;
}
