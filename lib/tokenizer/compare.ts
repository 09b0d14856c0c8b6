/**
 * compareTokenizers: how several tokenizers cut the same texts (total tokens, tokens per word, characters per
 * token, % fewer tokens than each other one) and how each splits a list of domain terms, the comparison
 * one runs after training a domain tokenizer. 'gpt2' and 'cl100k' are js-tiktoken's encodings (an optional
 * dependency, loaded only when named).
 */
import { checkArg, LmforgeError } from '../errors.js';
import { Tokenizer } from './tokenizer.js';

export type TokenizerRef = Tokenizer | 'gpt2' | 'cl100k';

export interface CompareTokenizersOptions {
  tokenizers: Record<string, TokenizerRef>;
  /** Domain terms to show the splits of (each encoded as ' ' + term, as it appears mid-sentence). */
  terms?: string[];
}

export interface TokenizerStats {
  name: string;
  tokens: number;
  words: number;
  chars: number;
  tokensPerWord: number;
  charsPerToken: number;
  /** Percent fewer tokens than each other tokenizer (negative: more tokens). */
  fewerTokensThan: Record<string, number>;
}

export interface TermSplit {
  term: string;
  /** Per tokenizer: the pieces the term is cut into (decoded text of each token). */
  pieces: Record<string, string[]>;
}

export interface TokenizerComparison {
  rows: TokenizerStats[];
  terms: TermSplit[];
  /** The same as a readable plain-text table. */
  table: string;
}

interface Encoder {
  encode(text: string): ArrayLike<number>;
  decodeOne(id: number): Uint8Array | string;
}

async function tiktoken(name: 'gpt2' | 'cl100k'): Promise<Encoder> {
  let lite: typeof import('js-tiktoken/lite');
  let ranks: { default: import('js-tiktoken/lite').TiktokenBPE };
  try {
    lite = await import('js-tiktoken/lite');
    ranks = name === 'gpt2' ? await import('js-tiktoken/ranks/gpt2') : await import('js-tiktoken/ranks/cl100k_base');
  } catch (err) {
    throw new LmforgeError('MISSING_DEPENDENCY', `compareTokenizers needs the 'js-tiktoken' package for the '${name}' reference: npm install js-tiktoken`, { cause: err });
  }
  const enc = new lite.Tiktoken(ranks.default);
  return {
    encode: (text) => enc.encode(text, [], []),
    decodeOne: (id) => enc.decode([id]),
  };
}

function ours(t: Tokenizer): Encoder {
  return { encode: (text) => t.encode(text), decodeOne: (id) => t.decode([id]) };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export async function compareTokenizers(texts: Iterable<string> | AsyncIterable<string>, options: CompareTokenizersOptions): Promise<TokenizerComparison> {
  checkArg(typeof texts === 'object' && texts !== null, 'texts', 'an iterable of strings', texts);
  checkArg(typeof options === 'object' && options !== null && typeof options.tokenizers === 'object' && options.tokenizers !== null, 'options.tokenizers', 'an object of name -> Tokenizer | "gpt2" | "cl100k"', options?.tokenizers);
  const names = Object.keys(options.tokenizers);
  if (names.length === 0) throw new LmforgeError('BAD_ARGUMENT', 'options.tokenizers must name at least one tokenizer');
  const terms = options.terms ?? [];
  checkArg(Array.isArray(terms) && terms.every((t) => typeof t === 'string'), 'options.terms', 'an array of strings', terms);

  const encoders: Record<string, Encoder> = {};
  for (const name of names) {
    const ref = options.tokenizers[name];
    if (ref instanceof Tokenizer) encoders[name] = ours(ref);
    else if (ref === 'gpt2' || ref === 'cl100k') encoders[name] = await tiktoken(ref);
    else throw new TypeError(`options.tokenizers.${name} must be a Tokenizer, 'gpt2' or 'cl100k'`);
  }

  const tokens: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let words = 0;
  let chars = 0;
  let index = 0;
  for await (const text of texts as AsyncIterable<string>) {
    if (typeof text !== 'string') throw new TypeError(`texts[${index}] must be a string`);
    index++;
    words += countWords(text);
    chars += text.length;
    for (const name of names) tokens[name]! += encoders[name]!.encode(text).length;
  }
  if (index === 0) throw new LmforgeError('EMPTY_CORPUS', 'compareTokenizers needs at least one text');

  const rows: TokenizerStats[] = names.map((name) => {
    const n = tokens[name]!;
    const fewer: Record<string, number> = {};
    for (const other of names) if (other !== name) fewer[other] = round(tokens[other]! === 0 ? 0 : (100 * (tokens[other]! - n)) / tokens[other]!, 2);
    return { name, tokens: n, words, chars, tokensPerWord: round(words ? n / words : 0, 4), charsPerToken: round(n ? chars / n : 0, 4), fewerTokensThan: fewer };
  });

  const decoder = new TextDecoder();
  const termSplits: TermSplit[] = terms.map((term) => {
    const pieces: Record<string, string[]> = {};
    for (const name of names) {
      const enc = encoders[name]!;
      pieces[name] = Array.from(enc.encode(' ' + term), (id) => {
        const p = enc.decodeOne(id);
        return typeof p === 'string' ? p : decoder.decode(p);
      });
    }
    return { term, pieces };
  });
  return { rows, terms: termSplits, table: formatTable(rows, termSplits) };
}

function formatTable(rows: TokenizerStats[], terms: TermSplit[]): string {
  const names = rows.map((r) => r.name);
  const header = ['tokenizer', 'tokens', 'tokens/word', 'chars/token', ...names.map((n) => `% fewer than ${n}`)];
  const body = rows.map((r) => [
    r.name,
    String(r.tokens),
    r.tokensPerWord.toFixed(3),
    r.charsPerToken.toFixed(3),
    ...names.map((n) => (n === r.name ? '-' : `${r.fewerTokensThan[n]!.toFixed(1)}%`)),
  ]);
  const lines = [align([header, ...body])];
  if (terms.length) {
    const termRows = terms.map((t) => [t.term, ...names.map((n) => `${t.pieces[n]!.length}: ${t.pieces[n]!.map((p) => p.trim() || p).join(' | ')}`)]);
    lines.push('', align([['term', ...names], ...termRows]));
  }
  return lines.join('\n');
}

function align(table: string[][]): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  return table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
