/**
 * `errorAnalysis`: generate for every prompt, score each generation against its reference, and write
 * a review file (JSONL for tools, Markdown and HTML tables for people), worst items first, so the
 * "look at the failures, fix the data or prompt, rerun" loop starts from one file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LmforgeError, checkArg } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic.js';
import type { LanguageModelLike, TokenizerLike } from '../../model/contracts.js';
import { bleu, sentenceBleu } from '../metrics/bleu.js';
import { exactMatchScores } from '../metrics/exact-match.js';
import { rougeScore } from '../metrics/rouge.js';
import { toJsonLine } from '../logging/jsonl.js';
import { generateDetailed, type GenerateTextOptions } from './generate.js';

export interface ErrorAnalysisOptions extends GenerateTextOptions {
  /** Base path of the review files; `.jsonl`, `.md` and `.html` are appended. Omit to write nothing. */
  outPath?: string;
  /** Which files to write. Default all three. */
  formats?: ('jsonl' | 'md' | 'html')[];
  /** Item ids (default "1", "2", ...). */
  ids?: string[];
  /** Turns a generation into the answer that is scored (e.g. `extractAnswer` for chain-of-thought). */
  answer?: (generation: string) => string | null;
  /** Order of the review: 'worst' first (default when references are given) or 'input' order. */
  sortBy?: 'worst' | 'input';
}

export interface ErrorAnalysisItem {
  id: string;
  prompt: string;
  generation: string;
  /** What was scored (the generation, or what `answer` extracted). */
  answer: string;
  reference?: string | string[];
  /** exactMatch (SQuAD-normalised, 0/1), rougeL F-measure and sentence BLEU (sacreBLEU sentence defaults, 0-100). */
  metrics?: { exactMatch: number; rougeL: number; bleu: number };
  truncatedTokens: number;
}

export interface ErrorAnalysisReport {
  items: ErrorAnalysisItem[];
  /** Means over items (BLEU: corpus BLEU); absent without references. */
  summary: { count: number; exactMatch?: number; rougeL?: number; bleu?: number };
  files: string[];
}

const escHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const escMd = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const refText = (r: string | string[] | undefined): string => (r === undefined ? '' : typeof r === 'string' ? r : r.join(' || '));
const f3 = (x: number): string => x.toFixed(3);

export async function errorAnalysis(
  model: LanguageModelLike, tokenizer: TokenizerLike, prompts: string[], references?: (string | string[])[], options: ErrorAnalysisOptions = {},
): Promise<ErrorAnalysisReport> {
  checkArg(Array.isArray(prompts), 'prompts', 'an array of strings', prompts);
  if (prompts.length === 0) throw new LmforgeError('EVAL_EMPTY', 'prompts is empty; nothing to analyse');
  if (references !== undefined) {
    checkArg(Array.isArray(references), 'references', 'an array', references);
    if (references.length !== prompts.length) {
      throw new LmforgeError('EVAL_LENGTH_MISMATCH', `prompts has ${prompts.length} items but references has ${references.length}; they must be paired one to one`);
    }
  }
  const { outPath, formats = ['jsonl', 'md', 'html'], ids, answer, sortBy, ...genOptions } = options;
  if (ids !== undefined) {
    checkArg(Array.isArray(ids) && ids.length === prompts.length, 'options.ids', `an array of ${prompts.length} ids`, ids);
  }
  checkArg(answer === undefined || typeof answer === 'function', 'options.answer', 'a function', answer);
  const gens = await generateDetailed(model, tokenizer, prompts, genOptions);
  const items: ErrorAnalysisItem[] = gens.map((g, i) => {
    const ans = answer ? answer(g.text) ?? '' : g.text.trim();
    const item: ErrorAnalysisItem = { id: ids?.[i] ?? String(i + 1), prompt: g.prompt, generation: g.text, answer: ans, truncatedTokens: g.truncatedTokens };
    if (references) {
      const ref = references[i]!;
      const refs = typeof ref === 'string' ? [ref] : ref;
      checkArg(Array.isArray(refs) && refs.length > 0 && refs.every((r) => typeof r === 'string'), `references[${i}]`, 'a string or a non-empty array of strings', ref);
      item.reference = ref;
      item.metrics = {
        exactMatch: exactMatchScores([ans], [refs], { normalize: 'squad' })[0]!,
        rougeL: Math.max(...refs.map((r) => rougeScore(r, ans, { rougeTypes: ['rougeL'] }).rougeL!.fmeasure)),
        bleu: sentenceBleu(ans, refs).score,
      };
    }
    return item;
  });
  const summary: ErrorAnalysisReport['summary'] = { count: items.length };
  if (references) {
    summary.exactMatch = items.reduce((a, x) => a + x.metrics!.exactMatch, 0) / items.length;
    summary.rougeL = items.reduce((a, x) => a + x.metrics!.rougeL, 0) / items.length;
    summary.bleu = bleu(items.map((x) => x.answer), references).score;
  }
  const order = sortBy ?? (references ? 'worst' : 'input');
  checkArg(order === 'worst' || order === 'input', 'options.sortBy', "'worst' or 'input'", order);
  const review = order === 'worst' && references
    ? [...items].sort((a, b) => a.metrics!.exactMatch - b.metrics!.exactMatch || a.metrics!.rougeL - b.metrics!.rougeL)
    : items;

  const files: string[] = [];
  if (outPath !== undefined) {
    checkArg(typeof outPath === 'string' && outPath.length > 0, 'options.outPath', 'a non-empty string', outPath);
    mkdirSync(dirname(outPath), { recursive: true });
    for (const fmt of formats) {
      const path = `${outPath}.${fmt}`;
      if (fmt === 'jsonl') await writeFileAtomic(path, review.map((x) => toJsonLine({ ...x })).join('\n') + '\n');
      else if (fmt === 'md') await writeFileAtomic(path, markdown(review, summary, !!references));
      else if (fmt === 'html') await writeFileAtomic(path, html(review, summary, !!references));
      else throw new LmforgeError('EVAL_BAD_OPTION', `options.formats: unknown format "${String(fmt)}" (use 'jsonl', 'md', 'html')`);
      files.push(path);
    }
  }
  return { items, summary, files };
}

function summaryLine(s: ErrorAnalysisReport['summary']): string {
  return s.exactMatch === undefined
    ? `${s.count} items`
    : `${s.count} items · exact match ${f3(s.exactMatch)} · ROUGE-L ${f3(s.rougeL!)} · BLEU ${s.bleu!.toFixed(2)}`;
}

function markdown(items: ErrorAnalysisItem[], s: ErrorAnalysisReport['summary'], scored: boolean): string {
  const head = scored ? '| id | prompt | generation | reference | EM | ROUGE-L | BLEU |\n|---|---|---|---|---|---|---|' : '| id | prompt | generation |\n|---|---|---|';
  const rows = items.map((x) => scored
    ? `| ${escMd(x.id)} | ${escMd(x.prompt)} | ${escMd(x.generation)} | ${escMd(refText(x.reference))} | ${x.metrics!.exactMatch} | ${f3(x.metrics!.rougeL)} | ${x.metrics!.bleu.toFixed(1)} |`
    : `| ${escMd(x.id)} | ${escMd(x.prompt)} | ${escMd(x.generation)} |`);
  return `# Error analysis\n\n${summaryLine(s)}\n\n${head}\n${rows.join('\n')}\n`;
}

function html(items: ErrorAnalysisItem[], s: ErrorAnalysisReport['summary'], scored: boolean): string {
  const th = (scored ? ['id', 'prompt', 'generation', 'reference', 'EM', 'ROUGE-L', 'BLEU'] : ['id', 'prompt', 'generation']).map((h) => `<th>${h}</th>`).join('');
  const rows = items.map((x) => {
    const cells = [x.id, x.prompt, x.generation];
    if (scored) cells.push(refText(x.reference), String(x.metrics!.exactMatch), f3(x.metrics!.rougeL), x.metrics!.bleu.toFixed(1));
    const cls = scored && x.metrics!.exactMatch === 0 ? ' class="miss"' : '';
    return `<tr${cls}>${cells.map((c) => `<td>${escHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error analysis</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;white-space:pre-wrap;max-width:40ch}tr.miss{background:#fff3f3}</style>
</head><body><h1>Error analysis</h1><p>${escHtml(summaryLine(s))}</p>
<table><thead><tr>${th}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}
