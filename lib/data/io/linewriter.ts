import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import { LmforgeError } from '../../errors.js';
import { tempPathFor, commitTempFile } from '../../util/atomic.js';

/**
 * Streams lines into a temp file and renames it over `path` on `close()` (after fsync), hashing
 * the bytes on the way: bounded memory however many lines, and never a half-written file under
 * the final name.
 */
export class AtomicLineWriter {
  readonly path: string;
  private readonly tmp: string;
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private pending: string[] = [];
  private pendingBytes = 0;
  lines = 0;

  constructor(path: string) {
    this.path = path;
    this.tmp = tempPathFor(path);
    this.stream = createWriteStream(this.tmp);
    // Remember stream errors (e.g. the directory does not exist) and raise them on the next call.
    this.stream.on('error', (err) => { this.error ??= err; });
  }

  private error: Error | undefined;

  private check(): void {
    if (this.error) throw new LmforgeError('E_OUTPUT', `cannot write ${this.path}: ${this.error.message}`, { cause: this.error });
  }

  async write(line: string): Promise<void> {
    this.check();
    this.pending.push(line, '\n');
    this.pendingBytes += line.length + 1;
    this.lines++;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(buf);
    this.check();
    if (!this.stream.write(buf)) await new Promise<void>((resolve) => { this.stream.once('drain', resolve); this.stream.once('error', () => resolve()); });
    this.check();
  }

  /** Finishes the file; returns its sha256 (hex). */
  async close(): Promise<string> {
    await this.flush();
    this.check();
    await new Promise<void>((resolve, reject) => { this.stream.once('error', reject); this.stream.end(resolve); });
    this.check();
    await commitTempFile(this.tmp, this.path);
    return this.hash.digest('hex');
  }

  /** Drops the temp file (on failure). */
  async abort(): Promise<void> {
    // Wait for the stream to close: its file may still be opening, and must not appear after the unlink.
    await new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else { this.stream.once('close', () => resolve()); this.stream.destroy(); }
    });
    await fsp.unlink(this.tmp).catch(() => undefined);
  }
}
