/**
 * `lmforge data <split|leakage|diff>`: thin parsing over splitDataset, checkLeakage and diffManifests.
 * Arguments are parsed with node:util's parseArgs (no CLI dependency needed for flat flags).
 */
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitDataset, SPLIT_NAMES } from '../annotation/splits.js';
import { checkLeakage, formatLeakageReport } from '../annotation/leakage.js';
import { readManifest, diffManifests, formatManifestDiff } from '../data/manifest.js';
import { writeFileAtomic } from '../util/atomic.js';
import { LmforgeError } from '../errors.js';
import { readJsonlRecords } from './read-records.js';
import type { DataRecord } from '../data/record.js';

type Log = (line: string) => void;

function parseRatios(spec: string): { train: number; validation: number; test: number } {
  const parts = spec.split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) {
    throw new LmforgeError('BAD_ARGUMENT', `--ratios must be three numbers train,validation,test (e.g. 0.8,0.1,0.1), got '${spec}'`);
  }
  return { train: parts[0], validation: parts[1], test: parts[2] };
}

function reportRejects(rejects: Array<{ file: string; line?: number; reason: string }>, log: Log): void {
  for (const r of rejects.slice(0, 5)) log(`  rejected ${r.file}${r.line ? `:${r.line}` : ''}: ${r.reason}`);
  if (rejects.length > 5) log(`  ... and ${rejects.length - 5} more rejected lines`);
}

export const DATA_HELP = `usage:
  lmforge data split <in.jsonl...> --out DIR [--ratios 0.8,0.1,0.1] [--seed S] [--key FIELD] [--group FIELD] [--stratify FIELD] [--text-field F]
  lmforge data leakage --train A.jsonl [--validation B.jsonl] [--test C.jsonl] [--ngram 13] [--no-near] [--text-field F]
  lmforge data diff <manifestA.json|dirA> <manifestB.json|dirB>`;

export async function dataCommand(argv: string[], log: Log = console.log): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'split') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        out: { type: 'string' }, ratios: { type: 'string', default: '0.8,0.1,0.1' }, seed: { type: 'string', default: '0' },
        key: { type: 'string' }, group: { type: 'string' }, stratify: { type: 'string' }, 'text-field': { type: 'string' },
      },
    });
    if (positionals.length === 0 || !values.out) throw new LmforgeError('BAD_ARGUMENT', `data split needs input files and --out\n${DATA_HELP}`);
    const { records, rejects } = await readJsonlRecords(positionals, { textField: values['text-field'] });
    reportRejects(rejects, log);
    const result = splitDataset<DataRecord>(records, {
      ratios: parseRatios(values.ratios),
      seed: values.seed,
      ...(values.key ? { key: values.key } : {}),
      ...(values.group ? { groupBy: values.group } : {}),
      ...(values.stratify ? { stratifyBy: values.stratify } : {}),
    });
    mkdirSync(values.out, { recursive: true });
    for (const name of SPLIT_NAMES) {
      const lines = result[name].map((r) => JSON.stringify({ id: r.id, text: r.text, ...r.meta }));
      await writeFileAtomic(join(values.out, `${name}.jsonl`), lines.length ? lines.join('\n') + '\n' : '');
      log(`${name.padEnd(10)} ${String(result[name].length).padStart(8)} records -> ${join(values.out, `${name}.jsonl`)}`);
    }
    log(`read ${records.length + rejects.length} lines: ${records.length} records, ${rejects.length} rejected`);
    return 0;
  }
  if (sub === 'leakage') {
    const { values } = parseArgs({
      args: rest,
      options: {
        train: { type: 'string' }, validation: { type: 'string' }, test: { type: 'string' },
        ngram: { type: 'string', default: '13' }, 'no-near': { type: 'boolean', default: false }, 'text-field': { type: 'string' },
      },
    });
    if (!values.train || (!values.validation && !values.test)) throw new LmforgeError('BAD_ARGUMENT', `data leakage needs --train and --validation and/or --test\n${DATA_HELP}`);
    const load = async (p: string | undefined): Promise<DataRecord[] | undefined> => {
      if (!p) return undefined;
      const { records, rejects } = await readJsonlRecords([p], { textField: values['text-field'] });
      reportRejects(rejects, log);
      return records;
    };
    const n = Number(values.ngram);
    if (!Number.isInteger(n) || n < 1) throw new LmforgeError('BAD_ARGUMENT', `--ngram must be a positive integer, got '${values.ngram}'`);
    const report = checkLeakage(
      { train: (await load(values.train))!, validation: await load(values.validation), test: await load(values.test) },
      { ngram: { n }, ...(values['no-near'] ? { near: false } : {}) },
    );
    log(formatLeakageReport(report));
    return 0;
  }
  if (sub === 'diff') {
    const [a, b] = rest;
    if (!a || !b) throw new LmforgeError('BAD_ARGUMENT', `data diff needs two manifests (or run directories)\n${DATA_HELP}`);
    const diff = diffManifests(await readManifest(a), await readManifest(b));
    log(formatManifestDiff(diff));
    return 0;
  }
  log(DATA_HELP);
  return sub ? 2 : 0;
}
