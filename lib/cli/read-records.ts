import { jsonlReader } from '../data/readers/jsonl.js';
import type { DataRecord } from '../data/record.js';
import type { ReadReject } from '../data/readers/types.js';

/** Reads every record of JSONL file(s) through the curation reader; rejects are returned, not dropped. */
export async function readJsonlRecords(paths: string[], options: { textField?: string; idField?: string } = {}): Promise<{ records: DataRecord[]; rejects: ReadReject[] }> {
  const records: DataRecord[] = [];
  const rejects: ReadReject[] = [];
  for await (const item of jsonlReader({ paths, ...options }).read()) {
    if (item.record) records.push(item.record);
    else rejects.push(item.reject);
  }
  return { records, rejects };
}
