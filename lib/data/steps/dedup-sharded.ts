import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LmforgeError } from '../../errors.js';
import { minhashSignature, type MinHashOptions } from '../dedup/minhash.js';
import { DEFAULT_NEAR_DEDUP } from '../dedup/near.js';
import { SignatureFileWriter } from '../dedup/signatures.js';
import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';

export interface MinhashSignatureStepOptions {
  /** Signature file this shard writes (e.g. `sigs/signatures-00003-of-00016.jsonl`). */
  path: string;
  minhash?: Partial<MinHashOptions>;
}

/** Stage 1 of distributed near-dedup: records pass unchanged; their signatures go to `path`. */
export class MinhashSignatureStep implements Step<{ path: string; minhash: MinHashOptions }> {
  readonly name = 'minhash_signatures';
  readonly config: { path: string; minhash: MinHashOptions };
  readonly stats = newStepStats();
  private readonly writer: SignatureFileWriter;

  constructor(options: MinhashSignatureStepOptions) {
    const minhash = { ...DEFAULT_NEAR_DEDUP.minhash, ...(options.minhash ?? {}) };
    this.config = { path: options.path, minhash };
    this.writer = new SignatureFileWriter(options.path, minhash);
  }

  async process(record: DataRecord): Promise<StepResult> {
    await this.writer.add(record.id, minhashSignature(record.text, this.config.minhash));
    return record;
  }

  async finish(): Promise<void> {
    await this.writer.close();
    this.stats.counters['signatures'] = this.writer.count;
  }
}

/** Stage 3: drops the records whose ids a merge listed (any `{"id": ...}` JSON Lines file). */
export class DropIdsStep implements Step<{ source: string; ids: number }> {
  readonly name = 'drop_ids';
  readonly config: { source: string; ids: number };
  readonly stats = newStepStats();

  constructor(private readonly ids: Set<string>, source = 'in-memory', private readonly reason = 'near_duplicate_global') {
    this.config = { source, ids: ids.size };
  }

  /** Loads the ids from a JSON Lines file such as `mergeSignatures`' duplicates.jsonl. */
  static async fromFile(path: string, reason?: string): Promise<DropIdsStep> {
    const ids = new Set<string>();
    let lineNo = 0;
    const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    try {
      for await (const line of rl) {
        lineNo++;
        if (!line.trim()) continue;
        const obj = JSON.parse(line) as { id?: unknown };
        if (typeof obj.id !== 'string') throw new Error('no string "id" field');
        ids.add(obj.id);
      }
    } catch (err) {
      throw new LmforgeError('E_INPUT', `${path}:${lineNo}: ${(err as Error).message}`, { cause: err });
    }
    return new DropIdsStep(ids, path, reason);
  }

  process(record: DataRecord): StepResult {
    return this.ids.has(record.id) ? { drop: this.reason } : record;
  }
}
