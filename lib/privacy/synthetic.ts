/**
 * Synthetic data: prompts built from a template and categories, sent to a generator (any
 * OpenAI-compatible HTTP endpoint, an lmforge model, or a function), then screened: PII is
 * redacted (or the record dropped), and near-duplicates of the real data (MinHash LSH from
 * lib/data/dedup) or of earlier synthetic records are dropped. Every record carries provenance.
 */
import { seededRandom } from '../util/random.js';
import { checkArg, LmforgeError } from '../errors.js';
import type { DataRecord } from '../data/record.js';
import { NearDuplicateIndex, type NearDedupOptions } from '../data/dedup/near.js';
import type { GenerateOptions, LanguageModelLike, TokenizerLike } from '../model/contracts.js';
import { redactPII, type RedactPiiOptions } from './redact.js';
import { classifyEnvValue } from './env.js';

/** An OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama, LM Studio ...). */
export interface OpenAICompatibleGenerator {
  type: 'openai';
  /** e.g. http://127.0.0.1:8000/v1 (default env OPENAI_BASE_URL, else https://api.openai.com/v1). */
  baseUrl?: string;
  /** Default env OPENAI_API_KEY; may be absent for local servers. */
  apiKey?: string;
  model: string;
  /** 'chat' uses /chat/completions (default), 'completions' uses /completions. */
  endpoint?: 'chat' | 'completions';
  maxTokens?: number;
  temperature?: number;
  /** System message for chat endpoints. */
  system?: string;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Retries on 429/5xx/network errors, with exponential backoff (default 2). */
  retries?: number;
}

/** A local lmforge model plus its tokenizer. */
export interface ModelGenerator {
  type: 'model';
  model: LanguageModelLike;
  tokenizer: TokenizerLike;
  name?: string;
  generate?: GenerateOptions;
}

/** Anything else: a function from prompt to text. */
export interface FunctionGenerator {
  type: 'function';
  name: string;
  generate: (prompt: string, info: { category: string; index: number }) => Promise<string>;
}

export type SyntheticGenerator = OpenAICompatibleGenerator | ModelGenerator | FunctionGenerator;

export interface GenerateSyntheticOptions {
  /** Prompt template; `{category}` (and `{index}`) are substituted. */
  template: string;
  /** Categories to spread the n records over (round robin). */
  categories: readonly string[];
  /** Number of records to return (after filtering; generation retries up to maxAttempts). */
  n: number;
  generator: SyntheticGenerator;
  /** Real data to filter near-duplicates against. */
  realData?: Iterable<string | DataRecord>;
  /** 'redact' (default): redact PII in tag mode; 'drop': drop records with PII; 'keep': no check. */
  pii?: 'redact' | 'drop' | 'keep';
  /** Options for PII redaction (mode etc.). */
  piiOptions?: RedactPiiOptions;
  /** Near-duplicate settings (default lib/data's: char 5-grams, Jaccard >= 0.4). */
  dedup?: NearDedupOptions | false;
  /** Give up after this many generator calls (default 3 * n). */
  maxAttempts?: number;
  /** Parallel requests (default 4). */
  concurrency?: number;
  /** Id prefix (default 'synthetic'). */
  idPrefix?: string;
  onProgress?: (p: { attempts: number; kept: number }) => void;
}

export interface SyntheticStats {
  attempts: number;
  kept: number;
  droppedEmpty: number;
  droppedPii: number;
  droppedNearDuplicateReal: number;
  droppedNearDuplicateSynthetic: number;
  piiEntitiesRedacted: number;
  failures: number;
}

export interface SyntheticResult {
  records: DataRecord[];
  stats: SyntheticStats;
}

function describe(g: SyntheticGenerator): string {
  if (g.type === 'openai') return `openai-compatible:${g.model}`;
  if (g.type === 'model') return `lmforge:${g.name ?? 'model'}`;
  return `function:${g.name}`;
}

function fillTemplate(template: string, category: string, index: number): string {
  return template.split('{category}').join(category).split('{index}').join(String(index));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One completion from an OpenAI-compatible server. */
export async function openAICompatibleComplete(g: OpenAICompatibleGenerator, prompt: string): Promise<string> {
  const base = (g.baseUrl ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  const key = g.apiKey ?? process.env.OPENAI_API_KEY;
  const endpoint = g.endpoint ?? 'chat';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined && classifyEnvValue(key) === 'ok') headers.authorization = `Bearer ${key}`;
  else if (key !== undefined && classifyEnvValue(key) === 'placeholder') {
    throw new LmforgeError('SYNTH_BAD_KEY', 'the API key for the synthetic-data generator is a placeholder: set OPENAI_API_KEY in .env (see .env.example)');
  }
  const body =
    endpoint === 'chat'
      ? {
          model: g.model,
          messages: [...(g.system ? [{ role: 'system', content: g.system }] : []), { role: 'user', content: prompt }],
          max_tokens: g.maxTokens ?? 512,
          temperature: g.temperature ?? 0.9,
        }
      : { model: g.model, prompt, max_tokens: g.maxTokens ?? 512, temperature: g.temperature ?? 0.9 };
  const url = `${base}/${endpoint === 'chat' ? 'chat/completions' : 'completions'}`;
  const retries = g.retries ?? 2;
  let lastErr: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(200 * 2 ** (attempt - 1));
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(g.timeoutMs ?? 60_000) });
    } catch (err) {
      lastErr = err;
      continue;
    }
    if (res.status === 429 || res.status >= 500) {
      lastErr = new LmforgeError('SYNTH_HTTP', `${url} answered ${res.status}`);
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) {
      const text = (await res.text()).slice(0, 300);
      const hint = res.status === 401 || res.status === 403 ? ' (check OPENAI_API_KEY)' : res.status === 404 ? ' (check OPENAI_BASE_URL and the model name)' : '';
      throw new LmforgeError('SYNTH_HTTP', `${url} answered ${res.status}${hint}: ${text}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (err) {
      throw new LmforgeError('SYNTH_BAD_RESPONSE', `${url} returned a body that is not JSON`, { cause: err });
    }
    const choice = (json as { choices?: Array<{ message?: { content?: unknown }; text?: unknown }> }).choices?.[0];
    const content = endpoint === 'chat' ? choice?.message?.content : choice?.text;
    if (typeof content !== 'string') {
      throw new LmforgeError('SYNTH_BAD_RESPONSE', `${url} returned no ${endpoint === 'chat' ? 'choices[0].message.content' : 'choices[0].text'}`);
    }
    return content;
  }
  throw new LmforgeError('SYNTH_HTTP', `${url} failed after ${retries + 1} attempts: ${(lastErr as Error)?.message ?? String(lastErr)}`, { cause: lastErr });
}

async function callGenerator(g: SyntheticGenerator, prompt: string, category: string, index: number): Promise<string> {
  if (g.type === 'openai') return openAICompatibleComplete(g, prompt);
  if (g.type === 'model') {
    const ids = g.tokenizer.encode(prompt);
    const out = await g.model.generate(ids, { maxNewTokens: 256, temperature: 0.8, ...(g.generate ?? {}) });
    return g.tokenizer.decode(out);
  }
  return g.generate(prompt, { category, index });
}

function validate(o: GenerateSyntheticOptions): void {
  checkArg(typeof o === 'object' && o !== null, 'options', 'an options object', o);
  checkArg(typeof o.template === 'string' && o.template.length > 0, 'options.template', 'a non-empty string', o.template);
  checkArg(Array.isArray(o.categories) && o.categories.length > 0 && o.categories.every((c) => typeof c === 'string'), 'options.categories', 'a non-empty array of strings', o.categories);
  checkArg(Number.isInteger(o.n) && o.n >= 0, 'options.n', 'a non-negative integer', o.n);
  const g = o.generator;
  checkArg(typeof g === 'object' && g !== null, 'options.generator', 'a generator object', g);
  if (g.type === 'openai') checkArg(typeof g.model === 'string' && g.model.length > 0, 'options.generator.model', 'a model name', g.model);
  else if (g.type === 'model') {
    checkArg(typeof g.model?.generate === 'function', 'options.generator.model', 'a model with generate()', g.model);
    checkArg(typeof g.tokenizer?.encode === 'function', 'options.generator.tokenizer', 'a tokenizer with encode()/decode()', g.tokenizer);
  } else if (g.type === 'function') checkArg(typeof g.generate === 'function', 'options.generator.generate', 'a function', g.generate);
  else throw new LmforgeError('SYNTH_BAD_GENERATOR', `options.generator.type must be 'openai', 'model' or 'function', got ${JSON.stringify((g as { type?: unknown }).type)}`);
  if (o.pii !== undefined && !['redact', 'drop', 'keep'].includes(o.pii)) {
    throw new LmforgeError('SYNTH_BAD_OPTION', `options.pii must be 'redact', 'drop' or 'keep', got ${JSON.stringify(o.pii)}`);
  }
}

export async function generateSynthetic(options: GenerateSyntheticOptions): Promise<SyntheticResult> {
  validate(options);
  const { template, categories, n, generator } = options;
  const maxAttempts = options.maxAttempts ?? 3 * n;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const piiMode = options.pii ?? 'redact';
  const prefix = options.idPrefix ?? 'synthetic';
  const stats: SyntheticStats = { attempts: 0, kept: 0, droppedEmpty: 0, droppedPii: 0, droppedNearDuplicateReal: 0, droppedNearDuplicateSynthetic: 0, piiEntitiesRedacted: 0, failures: 0 };

  // Real documents go into the index first, under ids that mark them as real.
  const index = options.dedup === false ? null : new NearDuplicateIndex(options.dedup ?? {});
  if (index && options.realData !== undefined) {
    let i = 0;
    for (const d of options.realData) {
      const text = typeof d === 'string' ? d : d?.text;
      if (typeof text !== 'string') throw new LmforgeError('SYNTH_BAD_INPUT', `options.realData[${i}] must be a string or a record with text`);
      index.check(`real:${i}`, text);
      i++;
    }
  }

  const records: DataRecord[] = [];
  const genName = describe(generator);
  let next = 0;
  let firstError: unknown;

  const worker = async () => {
    while (records.length < n && stats.attempts < maxAttempts) {
      const index_ = next++;
      stats.attempts++;
      const category = categories[index_ % categories.length]!;
      const prompt = fillTemplate(template, category, index_);
      let text: string;
      try {
        text = (await callGenerator(generator, prompt, category, index_)).trim();
      } catch (err) {
        stats.failures++;
        firstError ??= err;
        // A client error (bad key, bad model) will not fix itself: stop everyone.
        if (err instanceof LmforgeError && err.code !== 'SYNTH_HTTP') throw err;
        if (err instanceof LmforgeError && / answered 4\d\d/.test(err.message)) throw err;
        continue;
      }
      if (records.length >= n) break;
      if (text.length === 0) {
        stats.droppedEmpty++;
        continue;
      }
      let piiFound = 0;
      if (piiMode !== 'keep') {
        const r = redactPII(text, { mode: 'tag', ...(options.piiOptions ?? {}) });
        piiFound = r.entities.length;
        if (piiFound > 0 && piiMode === 'drop') {
          stats.droppedPii++;
          continue;
        }
        if (piiMode === 'redact') {
          text = r.text;
          stats.piiEntitiesRedacted += piiFound;
        }
      }
      const id = `${prefix}:${index_}`;
      if (index) {
        const dup = index.check(id, text);
        if (dup !== null) {
          if (dup.startsWith('real:')) stats.droppedNearDuplicateReal++;
          else stats.droppedNearDuplicateSynthetic++;
          continue;
        }
      }
      records.push({ id, text, meta: { synthetic: true, generator: genName, prompt, category, piiRedacted: piiMode === 'redact' ? piiFound : 0 } });
      stats.kept = records.length;
      options.onProgress?.({ attempts: stats.attempts, kept: stats.kept });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, n)) }, worker));
  if (records.length === 0 && n > 0 && firstError !== undefined) {
    throw new LmforgeError('SYNTH_FAILED', `no synthetic record could be generated: ${(firstError as Error).message}`, { cause: firstError });
  }
  // Workers finish out of order; present records in prompt order.
  records.sort((a, b) => Number(a.id.slice(prefix.length + 1)) - Number(b.id.slice(prefix.length + 1)));
  return { records: records.slice(0, n), stats: { ...stats, kept: Math.min(records.length, n) } };
}

export interface MixOptions {
  /** Target share of synthetic records in the mix (default 0.25; the seed suggests 0.2-0.3). */
  ratio?: number;
  /** Shuffle seed (default 0). */
  seed?: number;
}

export interface MixResult {
  records: DataRecord[];
  real: number;
  synthetic: number;
  /** Achieved synthetic share (lower than asked when there are too few synthetic records). */
  ratio: number;
}

/** Mixes all real records with enough synthetic ones to reach `ratio`, shuffled deterministically. */
export function mixSynthetic(real: readonly DataRecord[], synthetic: readonly DataRecord[], options: MixOptions = {}): MixResult {
  checkArg(Array.isArray(real), 'real', 'an array of records', real);
  checkArg(Array.isArray(synthetic), 'synthetic', 'an array of records', synthetic);
  const ratio = options.ratio ?? 0.25;
  checkArg(typeof ratio === 'number' && ratio >= 0 && ratio < 1, 'options.ratio', 'a number in [0, 1)', ratio);
  const want = Math.round((ratio / (1 - ratio)) * real.length);
  const take = Math.min(want, synthetic.length);
  const out = [...real, ...synthetic.slice(0, take)];
  const rnd = seededRandom(options.seed ?? 0);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return { records: out, real: real.length, synthetic: take, ratio: out.length === 0 ? 0 : take / out.length };
}
