import type { DataRecord } from '../record.js';

/** One output file a writer produced. */
export interface ShardInfo {
  /** Path relative to the output directory. */
  path: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** The last step of a pipeline: writes kept records into size- or count-limited shards. */
export interface Writer<C = unknown> {
  readonly name: string;
  readonly config: C;
  /** `prefix` names the shard files (it carries the machine shard in distributed runs). */
  open(outputDir: string, prefix: string): Promise<void>;
  write(record: DataRecord): Promise<void>;
  close(): Promise<ShardInfo[]>;
  /** Drops the shard being written (the run failed); finished shards stay. */
  abort?(): Promise<void>;
}
