import t from 'tap';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSynthetic, mixSynthetic, LmforgeError, type DataRecord } from '../../lib/index.js';

// A real OpenAI-compatible server on 127.0.0.1: it checks the key, answers both endpoints,
// fails the first request with a 503 (to exercise retries), and its answers include one with
// PII and one that copies a real document.
const REAL = 'The quarterly maintenance window starts at midnight and lasts four hours; all services are read-only.';
const POOL = ('harbor violet quantum saddle meadow copper lantern thistle orbit glacier pepper walnut canyon ember falcon ' +
  'velvet prism tundra cobalt willow marble ginger beacon summit pebble hazel raven juniper comet basalt tulip anchor ' +
  'cedar magnet opal fjord nectar quiver rustic sable timber umbra vortex yonder zephyr acorn bramble cinder dune fennel ' +
  'grotto hollow ivory jasper kelp lagoon mosaic nimbus oxide').split(' ');
interface Seen { path: string; auth: string | undefined; body: Record<string, unknown> }

async function startServer(t: Tap) {
  const seen: Seen[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls++;
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      if (req.headers.authorization !== 'Bearer sk-test-abcdef123456') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
        return;
      }
      if (calls === 1) {
        res.writeHead(503).end('busy');
        return;
      }
      const prompt = req.url === '/v1/chat/completions'
        ? String((body.messages as Array<{ content: string }>).at(-1)!.content)
        : String(body.prompt);
      const n = Number(/#(\d+)/.exec(prompt)?.[1] ?? 0);
      // Distinct texts per ticket number: a different walk through a word pool.
      let text = `${/about (\w+)/.exec(prompt)?.[1]}: ` + Array.from({ length: 14 }, (_, k) => POOL[((Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0) % POOL.length]).join(' ') + '.';
      if (n === 2) text = `Please call me at 415-555-0132 about refund ${n}, thanks.`;
      if (n === 3) text = REAL;
      const out = req.url === '/v1/chat/completions'
        ? { choices: [{ message: { role: 'assistant', content: text } }] }
        : { choices: [{ text }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, seen };
}
type Tap = typeof t;

t.test('chat endpoint: provenance, PII redaction, near-duplicate filtering, retries', async (t) => {
  const { baseUrl, seen } = await startServer(t);
  const r = await generateSynthetic({
    template: 'Write ticket #{index} about {category}.',
    categories: ['billing', 'shipping'],
    n: 5,
    generator: { type: 'openai', baseUrl, apiKey: 'sk-test-abcdef123456', model: 'tiny', retries: 2 },
    realData: [REAL],
    concurrency: 1,
  });
  t.equal(r.records.length, 5);
  t.same({ ...r.stats }, { attempts: 6, kept: 5, droppedEmpty: 0, droppedPii: 0, droppedNearDuplicateReal: 1, droppedNearDuplicateSynthetic: 0, piiEntitiesRedacted: 1, failures: 0 });
  t.equal(r.stats.droppedNearDuplicateReal, 1, 'the copy of the real document is dropped');
  t.equal(r.stats.piiEntitiesRedacted, 1);
  const pii = r.records.find((x) => x.id === 'synthetic:2')!;
  t.equal(pii.text, 'Please call me at <PHONE_NUMBER> about refund 2, thanks.');
  t.same(r.records[0]!.meta, { synthetic: true, generator: 'openai-compatible:tiny', prompt: 'Write ticket #0 about billing.', category: 'billing', piiRedacted: 0 });
  t.notOk(r.records.some((x) => x.id === 'synthetic:3'));
  t.equal(seen[0]!.path, '/v1/chat/completions');
  t.same((seen[1]!.body.messages as unknown[]).length, 1);
  t.equal(seen[1]!.body.model, 'tiny');
  t.equal(seen.length, 7, '1 retried 503 + 6 generations (one dropped)');
});

t.test('completions endpoint, drop mode and key from env', async (t) => {
  const { baseUrl, seen } = await startServer(t);
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  process.env.OPENAI_API_KEY = 'sk-test-abcdef123456';
  process.env.OPENAI_BASE_URL = baseUrl;
  t.teardown(() => {
    for (const [k, v] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.url]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const r = await generateSynthetic({
    template: 'Ticket #{index} about {category}:',
    categories: ['returns'],
    n: 3,
    pii: 'drop',
    dedup: false,
    generator: { type: 'openai', model: 'tiny', endpoint: 'completions' },
    concurrency: 1,
  });
  t.same(r.records.map((x) => x.id), ['synthetic:0', 'synthetic:1', 'synthetic:3'], 'the record with a phone number is dropped; no dedup');
  t.equal(r.stats.droppedPii, 1);
  t.equal(seen.at(-1)!.path, '/v1/completions');
});

t.test('errors are clear', async (t) => {
  const { baseUrl } = await startServer(t);
  await t.rejects(
    generateSynthetic({ template: 'x {category}', categories: ['a'], n: 1, generator: { type: 'openai', baseUrl, apiKey: 'sk-wrong-key-123456', model: 'm', retries: 0 } }),
    /answered 401 \(check OPENAI_API_KEY\)/,
  );
  await t.rejects(
    generateSynthetic({ template: 'x', categories: ['a'], n: 1, generator: { type: 'openai', baseUrl, apiKey: 'your-api-key-here', model: 'm' } }),
    { code: 'SYNTH_BAD_KEY' },
  );
  await t.rejects(
    generateSynthetic({ template: 'x', categories: ['a'], n: 1, generator: { type: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test-abcdef123456', model: 'm', retries: 0, timeoutMs: 2000 } }),
    LmforgeError,
  );
  await t.rejects(generateSynthetic({ template: '', categories: ['a'], n: 1, generator: { type: 'function', name: 'f', generate: async () => 'x' } }), TypeError);
  await t.rejects(generateSynthetic({ template: 'x', categories: ['a'], n: 1, generator: { type: 'nope' } as never }), { code: 'SYNTH_BAD_GENERATOR' });
});

t.test('model and function generators', async (t) => {
  // A stand-in for an lmforge model: the contract of lib/model/contracts.ts.
  const tokenizer = {
    vocabSize: 256,
    encode: (s: string) => Uint32Array.from(Buffer.from(s)),
    decode: (ids: ArrayLike<number>) => Buffer.from(Array.from(ids)).toString(),
  };
  const model = {
    nPositions: 64, vocabSize: 256,
    tokenLogProbs: async () => new Float32Array(),
    parameterStats: () => [],
    generate: async (prompt: Uint32Array | number[]) => Uint32Array.from(Buffer.from(` echo of ${prompt.length} tokens`)),
  };
  const r = await generateSynthetic({ template: 'topic {category}', categories: ['a', 'bb'], n: 2, dedup: false, generator: { type: 'model', model, tokenizer, name: 'tiny-gpt' } });
  t.same(r.records.map((x) => [x.text, x.meta.generator]), [['echo of 7 tokens', 'lmforge:tiny-gpt'], ['echo of 8 tokens', 'lmforge:tiny-gpt']]);
  const f = await generateSynthetic({ template: '{category}', categories: ['x'], n: 2, dedup: {}, generator: { type: 'function', name: 'same', generate: async () => 'always the very same sentence about the weather today' } , maxAttempts: 5 });
  t.equal(f.records.length, 1, 'synthetic near-duplicates of each other are dropped too');
  t.equal(f.stats.droppedNearDuplicateSynthetic, 4);
});

t.test('mixSynthetic hits the target ratio', async (t) => {
  const rec = (id: string, synthetic = false): DataRecord => ({ id, text: id, meta: synthetic ? { synthetic: true } : {} });
  const real = Array.from({ length: 75 }, (_, i) => rec(`r${i}`));
  const syn = Array.from({ length: 40 }, (_, i) => rec(`s${i}`, true));
  const m = mixSynthetic(real, syn, { ratio: 0.25, seed: 1 });
  t.equal(m.synthetic, 25, '25 / (75 + 25) = 0.25');
  t.equal(m.ratio, 0.25);
  t.equal(m.records.length, 100);
  t.same(mixSynthetic(real, syn, { ratio: 0.25, seed: 1 }).records.map((x) => x.id), m.records.map((x) => x.id), 'deterministic');
  t.equal(mixSynthetic(real, syn.slice(0, 5), { ratio: 0.5 }).ratio, 5 / 80, 'too few synthetic records: all are used');
  t.throws(() => mixSynthetic(real, syn, { ratio: 1 }), TypeError);
});
