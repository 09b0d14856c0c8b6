/**
 * .env loading and validation, in the spirit of the seed's validate_api_key: a value can be
 * missing, a placeholder copied from .env.example ("your-api-key-here", "sk-...", "<token>"), or
 * usable. Parsing is dotenv's (the format's reference implementation), not a hand-rolled regex.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { checkArg, LmforgeError } from '../errors.js';

export type EnvValueStatus = 'ok' | 'missing' | 'placeholder';

const PLACEHOLDER_RE = [
  /^$/,
  /^\s+$/,
  /^<[^>]*>$/, // <your key>
  /^\$\{[^}]*\}$/, // ${API_KEY}
  /^(?:x+|\*+|\.{3,}|-+|_+|0+|1234\d*|test|dummy|fake|none|null|undefined|todo|tbd|fixme|changeme|change[-_ ]?me|replace[-_ ]?me|secret|password|placeholder|example|sample|key|token|api[-_ ]?key)$/i,
  /^(?:your|my|insert|enter|put|add|paste)[-_ ]/i, // your-api-key-here, insert_token
  /[-_ ](?:here|goes[-_ ]here)$/i, // key_here, token-goes-here
  /^sk-(?:\.{3}|x+|\*+|your.*|\.\.\..*)$/i, // sk-..., sk-xxxx
];

/** Classifies one value; `undefined` is missing. */
export function classifyEnvValue(value: string | undefined): EnvValueStatus {
  if (value === undefined) return 'missing';
  const v = value.trim();
  if (v === '') return 'missing';
  return PLACEHOLDER_RE.some((re) => re.test(v)) ? 'placeholder' : 'ok';
}

export interface ValidateApiKeyResult {
  name: string;
  status: EnvValueStatus;
  /** A message saying what to do, when the status is not ok. */
  message?: string;
}

/** Checks one key in `env` (default process.env). */
export function validateApiKey(name: string, env: Record<string, string | undefined> = process.env): ValidateApiKeyResult {
  checkArg(typeof name === 'string' && name.length > 0, 'name', 'a non-empty string', name);
  const status = classifyEnvValue(env[name]);
  if (status === 'ok') return { name, status };
  const message =
    status === 'missing'
      ? `${name} is not set: add it to your .env (see .env.example) or export it in the shell`
      : `${name} still holds a placeholder value: replace it in .env with the real value`;
  return { name, status, message };
}

export interface EnvSpec {
  /** Variables that must be set to a real value. */
  required?: readonly string[];
  /** Variables that may be absent; reported if they hold placeholders. */
  optional?: readonly string[];
}

export interface EnvReport {
  ok: string[];
  missing: string[];
  placeholder: string[];
  /** Optional variables that are absent (not an error). */
  absentOptional: string[];
  /** Optional variables holding placeholders (warn: they will be ignored). */
  placeholderOptional: string[];
  valid: boolean;
}

export function checkEnv(spec: EnvSpec, env: Record<string, string | undefined> = process.env): EnvReport {
  checkArg(typeof spec === 'object' && spec !== null, 'spec', 'an object with required/optional arrays', spec);
  const r: EnvReport = { ok: [], missing: [], placeholder: [], absentOptional: [], placeholderOptional: [], valid: true };
  for (const name of spec.required ?? []) {
    const s = classifyEnvValue(env[name]);
    if (s === 'ok') r.ok.push(name);
    else if (s === 'missing') r.missing.push(name);
    else r.placeholder.push(name);
  }
  for (const name of spec.optional ?? []) {
    const s = classifyEnvValue(env[name]);
    if (s === 'ok') r.ok.push(name);
    else if (s === 'missing') r.absentOptional.push(name);
    else r.placeholderOptional.push(name);
  }
  r.valid = r.missing.length === 0 && r.placeholder.length === 0;
  return r;
}

export interface LoadEnvOptions extends EnvSpec {
  /** Path of the .env file (default '.env' in the working directory). */
  path?: string;
  /** Overwrite variables already in the environment (default false: the shell wins, as with dotenv). */
  override?: boolean;
  /** Where to write the values (default process.env). */
  target?: Record<string, string | undefined>;
  /** A missing file is fine unless this is true (default false). */
  requireFile?: boolean;
}

export interface LoadEnvResult extends EnvReport {
  /** Variables read from the file (names only, never values). */
  loaded: string[];
  path: string;
  fileFound: boolean;
}

/**
 * Reads a .env file into the environment, then validates `required`/`optional`. Throws an
 * LmforgeError naming every missing or placeholder required variable; never logs values.
 */
export function loadEnv(options: LoadEnvOptions = {}): LoadEnvResult {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an options object', options);
  const path = options.path ?? '.env';
  const target = options.target ?? process.env;
  let content: string | undefined;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || options.requireFile) {
      throw new LmforgeError('ENV_READ_FAILED', `cannot read env file ${path}: ${(err as Error).message}`, { cause: err });
    }
  }
  const loaded: string[] = [];
  if (content !== undefined) {
    const parsed = parse(content);
    for (const [k, v] of Object.entries(parsed)) {
      if (options.override || target[k] === undefined) target[k] = v;
      loaded.push(k);
    }
  }
  const report = checkEnv(options, target);
  if (!report.valid) {
    const parts: string[] = [];
    if (report.missing.length) parts.push(`missing: ${report.missing.join(', ')}`);
    if (report.placeholder.length) parts.push(`placeholder values: ${report.placeholder.join(', ')}`);
    throw new LmforgeError('ENV_INVALID', `environment from ${path} is not usable (${parts.join('; ')}); copy .env.example to .env and fill in real values`);
  }
  return { ...report, loaded, path, fileFound: content !== undefined };
}
