import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import protobuf from 'protobufjs';
import { crc32c, maskCrc, unmaskCrc } from '../../lib/eval/logging/crc32c.js';
import { TensorBoardWriter, readTensorBoardEvents } from '../../lib/eval/logging/tensorboard.js';
import { JsonlLogger, readJsonlLog } from '../../lib/eval/logging/jsonl.js';
import { parseTrainLog } from '../../lib/eval/diagnostics/history.js';

t.test('CRC32C test vectors', (tt) => {
  // The standard check value, and RFC 3720 (iSCSI) appendix B.4 vectors.
  tt.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  tt.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  tt.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  tt.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  tt.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
  // fast-crc32c's self-check vector; and odd lengths exercise the byte-wise tail.
  tt.equal(crc32c(new TextEncoder().encode('The quick brown fox jumps over the lazy dog')), 0x22620404);
  tt.equal(crc32c(new Uint8Array(0)), 0);
  // Masking: ((c >>> 15) | (c << 17)) + 0xa282ead8 mod 2^32, by hand for 0xe3069283.
  tt.equal(maskCrc(0xe3069283), ((((0xe3069283 >>> 15) | (0xe3069283 << 17)) >>> 0) + 0xa282ead8) % 2 ** 32);
  for (const c of [0, 1, 0xffffffff, 0xe3069283, 0x12345678]) tt.equal(unmaskCrc(maskCrc(c)), c);
  tt.end();
});

// An independent protobuf decoder (protobufjs) with the tensorflow Event/Summary schema.
const root = protobuf.parse(`syntax = "proto3";
message Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
message Summary { message Value { string tag = 1; float simple_value = 2; } repeated Value value = 1; }`).root;
const EventType = root.lookupType('Event');

t.test('event file: TFRecord framing, CRCs and values read back', (tt) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-tb-'));
  const w = new TensorBoardWriter(dir, { filenameSuffix: '.test' });
  tt.match(basename(w.path), /^events\.out\.tfevents\.\d+\..+\.test$/);
  w.addScalar('train/loss', 2.5, 10, 1700000000.25);
  w.logTrainEvent({ type: 'step', step: 300, loss: NaN, lr: 3e-4, gradNorm: 1.5, tokensPerSecond: 12000 });
  w.logTrainEvent({ type: 'eval', step: 300, valLoss: 3.25, valPerplexity: Math.exp(3.25) });
  w.addScalar('big/step', 1, 2 ** 40);
  w.close();
  const events = readTensorBoardEvents(w.path);
  tt.equal(events.length, 5);
  tt.equal(events[0]!.fileVersion, 'brain.Event:2');
  tt.same(events[1], { wallTime: 1700000000.25, step: 10, scalars: [{ tag: 'train/loss', value: 2.5 }] });
  tt.same(events[2]!.scalars.map((s) => s.tag), ['train/loss', 'train/lr', 'train/grad_norm', 'train/tokens_per_second']);
  tt.ok(Number.isNaN(events[2]!.scalars[0]!.value), 'NaN survives');
  tt.equal(events[2]!.scalars[1]!.value, Math.fround(3e-4), 'float32 value');
  tt.same(events[3]!.scalars, [{ tag: 'eval/loss', value: 3.25 }, { tag: 'eval/perplexity', value: Math.fround(Math.exp(3.25)) }]);
  tt.equal(events[4]!.step, 2 ** 40, 'int64 step beyond 32 bits');

  // Walk the framing by hand and decode each payload with protobufjs.
  const buf = readFileSync(w.path);
  let off = 0;
  const decoded: Record<string, unknown>[] = [];
  while (off < buf.length) {
    const len = Number(buf.readBigUInt64LE(off));
    tt.equal(buf.readUInt32LE(off + 8), maskCrc(crc32c(buf.subarray(off, off + 8))), `length crc at ${off}`);
    const data = buf.subarray(off + 12, off + 12 + len);
    tt.equal(buf.readUInt32LE(off + 12 + len), maskCrc(crc32c(data)), `data crc at ${off}`);
    decoded.push(EventType.toObject(EventType.decode(data), { longs: Number }));
    off += 16 + len;
  }
  tt.equal(off, buf.length, 'records tile the file exactly');
  tt.equal(decoded[0]!.fileVersion, 'brain.Event:2');
  tt.same(decoded[1], { wallTime: 1700000000.25, step: 10, summary: { value: [{ tag: 'train/loss', simpleValue: 2.5 }] } });
  tt.equal(decoded[4]!.step, 2 ** 40);

  // A flipped payload byte is caught, with the offset.
  const bad = Buffer.from(buf);
  bad[bad.length - 6]! ^= 0xff;
  const badPath = join(dir, 'events.out.tfevents.bad');
  writeFileSync(badPath, bad);
  tt.throws(() => readTensorBoardEvents(badPath), /data CRC mismatch in record at byte \d+/);
  tt.throws(() => w.addScalar('x', 1, 1), /closed/);
  tt.throws(() => new TensorBoardWriter(dir).addScalar('x', 1, -1), /step must be a non-negative integer/);
  tt.end();
});

t.test('JSONL logger keeps NaN and Infinity, and diagnoseRun can read it', (tt) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-jsonl-'));
  const log = new JsonlLogger(join(dir, 'sub', 'metrics.jsonl'));
  log.log({ type: 'step', step: 1, loss: 3.5 });
  log.log({ type: 'step', step: 2, loss: NaN, gradNorm: Infinity });
  log.log({ type: 'eval', step: 2, valLoss: -Infinity });
  log.close();
  const text = readFileSync(log.path, 'utf8');
  tt.equal(text.split('\n')[1], '{"type":"step","step":2,"loss":"NaN","gradNorm":"Infinity"}');
  const back = readJsonlLog(log.path);
  tt.ok(Number.isNaN(back[1]!.loss));
  tt.equal(back[2]!.valLoss, -Infinity);
  const ev = parseTrainLog(text);
  tt.equal(ev[1]!.gradNorm, Infinity);
  tt.throws(() => log.log([] as unknown as object), /record must be an object/);
  tt.end();
});

t.test('trainingLogger writes the same events to JSONL and TensorBoard', async (tt) => {
  const { trainingLogger } = await import('../../lib/eval/logging/training-logger.js');
  const { diagnoseRun } = await import('../../lib/eval/diagnostics/run.js');
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-tl-'));
  const logger = trainingLogger({ jsonlPath: join(dir, 'metrics.jsonl'), tensorboardDir: join(dir, 'tb') });
  logger.onProgress({ type: 'step', step: 1, loss: 4, lr: 1e-4 });
  logger.onProgress({ type: 'step', step: 2, loss: NaN, lr: 1e-4 });
  logger.onProgress({ type: 'eval', step: 2, valLoss: 3.5 });
  logger.close();
  const d = diagnoseRun(readFileSync(join(dir, 'metrics.jsonl'), 'utf8'));
  tt.equal(d.findings[0]!.id, 'non_finite');
  tt.equal(d.findings[0]!.step, 2);
  const ev = readTensorBoardEvents(logger.tensorboard!.path);
  tt.same(ev.slice(1).map((e) => [e.step, e.scalars.map((s) => s.tag)]), [[1, ['train/loss', 'train/lr']], [2, ['train/loss', 'train/lr']], [2, ['eval/loss']]]);
  tt.throws(() => trainingLogger({}), /options must be an object with jsonlPath/);
  tt.throws(() => logger.onProgress({ type: 'step', step: 1.5 }), /event.step/);
});
