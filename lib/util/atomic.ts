import { promises as fsp, writeFileSync, renameSync, openSync, fsyncSync, closeSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A hidden temp name beside `path` (same directory, so the final rename stays on one filesystem). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: the data goes to a temp file in the same directory, is fsynced,
 * then renamed over the target. A killed process leaves either the old file or the new one,
 * never a truncated mix (rename is atomic within one filesystem).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Synchronous twin of {@link writeFileAtomic}, for code paths that cannot await. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  try {
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
}

/**
 * Finishes a streamed write: fsyncs the closed temp file, then renames it over `path`. For writers that
 * stream into `tempPathFor(path)` and cannot hand their whole content to {@link writeFileAtomic}.
 */
export async function commitTempFile(tmp: string, path: string): Promise<void> {
  const fh = await fsp.open(tmp, 'r+');
  try { await fh.sync(); } finally { await fh.close(); }
  await fsp.rename(tmp, path);
}
