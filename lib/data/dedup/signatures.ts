import { createReadStream, promises as fsp } from 'node:fs';
import { LmforgeError } from '../../errors.js';
import { AtomicLineWriter } from '../io/linewriter.js';
import { LshIndex, type MinHashOptions } from './minhash.js';
import { signatureSimilarity } from './near.js';

/*
 * Distributed near-dedup in three stages, so it runs on Slurm arrays or Kubernetes Indexed Jobs:
 *  1. every shard writes the MinHash signatures of its records (`MinhashSignatureStep`);
 *  2. one job merges all signature files in shard order and decides duplicates globally
 *     (`mergeSignatures` → `duplicates.jsonl`, first occurrence kept, LSH + signature check);
 *  3. every shard drops the listed ids (`DropIdsStep`).
 * Signature files are JSON Lines (`{"id": ..., "sig": base64 of little-endian uint32s}`) after a
 * header line with the MinHash options, so they are plain, inspectable and diffable files.
 */

export interface SignatureHeader {
  format: 'lmforge-minhash-signatures';
  version: 1;
  minhash: MinHashOptions;
}

export class SignatureFileWriter {
  private readonly out: AtomicLineWriter;
  private readonly k: number;
  constructor(path: string, readonly minhash: MinHashOptions) {
    this.out = new AtomicLineWriter(path);
    this.k = minhash.bands * minhash.rows;
    const header: SignatureHeader = { format: 'lmforge-minhash-signatures', version: 1, minhash };
    void this.out.write(JSON.stringify(header));
  }
  async add(id: string, sig: Uint32Array): Promise<void> {
    if (sig.length !== this.k) throw new LmforgeError('E_OPTION', `signature for ${id} has length ${sig.length}, expected ${this.k}`);
    const bytes = Buffer.alloc(sig.length * 4);
    for (let i = 0; i < sig.length; i++) bytes.writeUInt32LE(sig[i]!, i * 4);
    await this.out.write(JSON.stringify({ id, sig: bytes.toString('base64') }));
  }
  get count(): number { return this.out.lines - 1; }
  close(): Promise<string> { return this.out.close(); }
}

export interface SignatureEntry {
  id: string;
  sig: Uint32Array;
}

/** Reads a signature file: its header, then `{id, sig}` entries in file order. */
export async function* readSignatureFile(path: string): AsyncGenerator<SignatureEntry, void, undefined> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNo = 0;
  let k = 0;
  for await (const line of rl) {
    lineNo++;
    if (lineNo === 1) {
      let h: SignatureHeader;
      try { h = JSON.parse(line) as SignatureHeader; } catch { h = {} as SignatureHeader; }
      if (h.format !== 'lmforge-minhash-signatures') throw new LmforgeError('E_INPUT', `${path}:1 is not an lmforge signature file header`);
      k = h.minhash.bands * h.minhash.rows;
      continue;
    }
    if (!line) continue;
    let e: { id: string; sig: string };
    try { e = JSON.parse(line) as { id: string; sig: string }; } catch (err) {
      throw new LmforgeError('E_INPUT', `${path}:${lineNo}: bad JSON in signature file: ${(err as Error).message}`);
    }
    const bytes = Buffer.from(e.sig, 'base64');
    if (bytes.length !== k * 4) throw new LmforgeError('E_INPUT', `${path}:${lineNo}: signature has ${bytes.length / 4} values, expected ${k}`);
    const sig = new Uint32Array(k);
    for (let i = 0; i < k; i++) sig[i] = bytes.readUInt32LE(i * 4);
    yield { id: e.id, sig };
  }
}

async function readHeader(path: string): Promise<SignatureHeader> {
  const fh = await fsp.open(path, 'r').catch((err: unknown) => { throw new LmforgeError('E_INPUT', `cannot open signature file ${path}: ${(err as Error).message}`); });
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, 4096, 0);
    const first = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0]!;
    const h = JSON.parse(first) as SignatureHeader;
    if (h.format !== 'lmforge-minhash-signatures') throw new Error('bad format');
    return h;
  } catch {
    throw new LmforgeError('E_INPUT', `${path}:1 is not an lmforge signature file header`);
  } finally {
    await fh.close();
  }
}

export interface MergeSignaturesOptions {
  /** Signature files in global order (shard 0 first); earlier documents win. */
  files: string[];
  /** Where to write `{"id", "duplicate_of"}` lines. */
  outputPath: string;
  /** 'signature' (default): confirm LSH candidates by estimated Jaccard; 'none': any shared bucket. */
  verify?: 'signature' | 'none';
  /** Estimated Jaccard at or above which a candidate is a duplicate. Default 0.4. */
  threshold?: number;
}

export interface MergeSignaturesResult {
  documents: number;
  duplicates: number;
  outputPath: string;
  sha256: string;
}

/**
 * Stage 2: decides duplicates across all shards. Memory grows with the number of kept documents
 * (their signatures and LSH buckets: roughly 1 KB each with the default 32 × 4), i.e. a few GB per
 * few million documents on the merging machine.
 */
export async function mergeSignatures(options: MergeSignaturesOptions): Promise<MergeSignaturesResult> {
  const { files, outputPath } = options;
  if (!Array.isArray(files) || files.length === 0) throw new LmforgeError('E_OPTION', 'mergeSignatures: files must be a non-empty array of signature files');
  const verify = options.verify ?? 'signature';
  const threshold = options.threshold ?? 0.4;
  const headers = await Promise.all(files.map(readHeader));
  const first = JSON.stringify(headers[0]!.minhash);
  headers.forEach((h, i) => {
    if (JSON.stringify(h.minhash) !== first) throw new LmforgeError('E_INPUT', `mergeSignatures: ${files[i]} was made with different MinHash options than ${files[0]}; signatures are not comparable`);
  });
  const index = new LshIndex(headers[0]!.minhash);
  const kept: Uint32Array[] = [];
  const keptIds: string[] = [];
  const out = new AtomicLineWriter(outputPath);
  let documents = 0, duplicates = 0;
  try {
    for (const file of files) {
      for await (const { id, sig } of readSignatureFile(file)) {
        documents++;
        let dupOf: string | null = null;
        for (const c of index.queryIndices(sig)) {
          if (verify === 'none' || signatureSimilarity(sig, kept[c]!) >= threshold) { dupOf = keptIds[c]!; break; }
        }
        if (dupOf !== null) {
          duplicates++;
          await out.write(JSON.stringify({ id, duplicate_of: dupOf }));
        } else {
          index.add(id, sig);
          kept.push(sig);
          keptIds.push(id);
        }
      }
    }
  } catch (err) {
    await out.abort();
    throw err;
  }
  const sha256 = await out.close();
  return { documents, duplicates, outputPath, sha256 };
}
