import type { DataRecord } from '../record.js';

/** A piece of input that could not become a record; it goes to `rejects.jsonl` and the run goes on. */
export interface ReadReject {
  file: string;
  /** 1-based line (or row/message) number where that makes sense. */
  line?: number;
  reason: string;
}

export type ReadItem = { record: DataRecord; reject?: undefined } | { reject: ReadReject; record?: undefined };

/** This machine's slice of a sharded run: shard `index` (0-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/**
 * A reader is the first step of a pipeline: it turns files into records (or rejects).
 * `files` lists the inputs it will read for a shard (for the manifest's fingerprints).
 */
export interface Reader<C = unknown> {
  readonly name: string;
  readonly config: C;
  files(shard?: ShardSpec): Promise<string[]>;
  read(shard?: ShardSpec): AsyncIterable<ReadItem>;
}
