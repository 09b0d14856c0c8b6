// Training throughput of lmforge's native loop vs PyTorch eager (nanoGPT's model and loop, same architecture,
// AdamW with decay groups, clip_grad_norm_), both on random tokens in fp32 after warm-up, plus MFU against a
// matmul peak measured in the same run.
//   node --import tsx bench/train-throughput.mjs --layers 4 --heads 4 --embd 256 --ctx 128 --vocab 8000 --batch 16 --steps 15 --threads 2 --json
// The PyTorch reference runs when `python3 -c "import torch"` works (Debian: apt-get install python3-torch).
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GPT } from '../lib/model/index.ts';
import { train } from '../lib/train/index.ts';
import { nativeBinding } from '../lib/native.ts';

const { values: a } = parseArgs({
  options: {
    layers: { type: 'string', default: '4' },
    heads: { type: 'string', default: '4' },
    embd: { type: 'string', default: '256' },
    ctx: { type: 'string', default: '128' },
    vocab: { type: 'string', default: '8000' },
    batch: { type: 'string', default: '16' },
    steps: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    device: { type: 'string', default: 'cpu' },
    precision: { type: 'string', default: 'fp32' },
    'no-torch': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '2' },
  },
});
const n = (k) => Number(a[k]);
const cfg = { layers: n('layers'), heads: n('heads'), embd: n('embd'), ctx: n('ctx'), vocab: n('vocab'), batch: n('batch'), steps: n('steps'), warmup: n('warmup'), threads: n('threads') };
const binding = nativeBinding();
binding.setNumThreads(cfg.threads);

// Model FLOPs per token, llm.c's count: 6N (N without the position table) + 6·L·C·T for attention.
const C = cfg.embd;
const nParams = cfg.vocab * C + cfg.layers * (12 * C * C + 13 * C) + 2 * C;
const flopsPerToken = 6 * nParams + 6 * cfg.layers * C * cfg.ctx;

function matmulPeak() {
  if (a.device !== 'cpu') {
    // Accelerators: large square matmuls in the training precision.
    const dtype = a.precision === 'fp32' ? 'float32' : a.precision === 'bf16' ? 'bfloat16' : 'float16';
    return binding.matmulGflops(8192, 50, a.device, dtype);
  }
  // Best of a few sizes, on the same OpenMP settings the training thread uses.
  let best = 0;
  for (const size of [1024, 1536, 2048]) best = Math.max(best, binding.matmulGflops(size, size >= 2048 ? 4 : 8));
  return best;
}

async function runLmforge() {
  const model = GPT.create({ vocabSize: cfg.vocab, nPositions: cfg.ctx, nEmbd: C, nLayer: cfg.layers, nHead: cfg.heads, dropout: 0 }, { seed: 1 });
  const tokens = new Uint32Array(1 << 20);
  let s = 12345;
  for (let i = 0; i < tokens.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    tokens[i] = s % cfg.vocab;
  }
  const elapsed = new Map();
  await train(model, {
    trainData: tokens, batchSize: cfg.batch, contextLength: cfg.ctx, maxSteps: cfg.warmup + cfg.steps, lr: 6e-4, warmupSteps: 2,
    weightDecay: 0.1, clipGradNorm: 1.0, precision: a.precision, device: a.device, threads: cfg.threads, logEvery: 1,
    onProgress: (e) => { if (e.type === 'step') elapsed.set(e.step, e.elapsedMs); },
  });
  const ms = elapsed.get(cfg.warmup + cfg.steps) - elapsed.get(cfg.warmup);
  return (cfg.steps * cfg.batch * cfg.ctx) / (ms / 1000);
}

const PY = String.raw`
import json, math, sys, time, torch, torch.nn as nn, torch.nn.functional as F
c = json.loads(sys.argv[1]); torch.set_num_threads(c['threads']); torch.manual_seed(1)
L, H, C, T, V, B = c['layers'], c['heads'], c['embd'], c['ctx'], c['vocab'], c['batch']
class Attn(nn.Module):  # nanoGPT CausalSelfAttention (slow path: torch 1.13 has no SDPA)
    def __init__(s):
        super().__init__(); s.c_attn = nn.Linear(C, 3*C); s.c_proj = nn.Linear(C, C)
        s.register_buffer('bias', torch.tril(torch.ones(T, T)).view(1, 1, T, T))
    def forward(s, x):
        b, t, _ = x.size(); q, k, v = s.c_attn(x).split(C, dim=2)
        k = k.view(b, t, H, C//H).transpose(1, 2); q = q.view(b, t, H, C//H).transpose(1, 2); v = v.view(b, t, H, C//H).transpose(1, 2)
        if hasattr(F, 'scaled_dot_product_attention'):
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            att = att.masked_fill(s.bias[:, :, :t, :t] == 0, float('-inf')); att = F.softmax(att, dim=-1); y = att @ v
        return s.c_proj(y.transpose(1, 2).contiguous().view(b, t, C))
class Block(nn.Module):
    def __init__(s):
        super().__init__(); s.ln_1 = nn.LayerNorm(C); s.attn = Attn(); s.ln_2 = nn.LayerNorm(C)
        s.c_fc = nn.Linear(C, 4*C); s.c_proj = nn.Linear(4*C, C)
    def forward(s, x):
        x = x + s.attn(s.ln_1(x)); return x + s.c_proj(F.gelu(s.c_fc(s.ln_2(x)), approximate='tanh'))
class GPT(nn.Module):
    def __init__(s):
        super().__init__(); s.wte = nn.Embedding(V, C); s.wpe = nn.Embedding(T, C)
        s.h = nn.ModuleList([Block() for _ in range(L)]); s.ln_f = nn.LayerNorm(C); s.lm_head = nn.Linear(C, V, bias=False)
        s.wte.weight = s.lm_head.weight
    def forward(s, idx, targets):
        pos = torch.arange(0, idx.size(1), dtype=torch.long); x = s.wte(idx) + s.wpe(pos)
        for blk in s.h: x = blk(x)
        logits = s.lm_head(s.ln_f(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
m = GPT()
params = [p for p in m.parameters() if p.requires_grad]
groups = [{'params': [p for p in params if p.dim() >= 2], 'weight_decay': 0.1}, {'params': [p for p in params if p.dim() < 2], 'weight_decay': 0.0}]
opt = torch.optim.AdamW(groups, lr=6e-4, betas=(0.9, 0.95))
data = torch.randint(V, (1 << 20,))
def batch():
    ix = torch.randint(len(data) - T - 1, (B,))
    return torch.stack([data[i:i+T] for i in ix]), torch.stack([data[i+1:i+1+T] for i in ix])
def step():
    x, y = batch(); loss = m(x, y); loss.backward()
    torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); opt.zero_grad(set_to_none=True); return loss.item()
for _ in range(c['warmup']): step()
t0 = time.perf_counter()
for _ in range(c['steps']): step()
dt = time.perf_counter() - t0
print(json.dumps({'tokensPerSecond': c['steps'] * B * T / dt, 'torch': torch.__version__}))
`;

// `python3` first (as the issue says), then Debian's own interpreter, where python3-torch installs (a pyenv
// or venv python3 earlier on PATH does not see it).
const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) ?? null;

function runTorch(extraEnv, override = {}) {
  if (!python) return null;
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-bench-'));
  const script = join(dir, 'ref.py');
  writeFileSync(script, PY);
  const r = spawnSync(python, [script, JSON.stringify({ ...cfg, ...override })], { encoding: 'utf8', env: { ...process.env, ...extraEnv }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`PyTorch reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// This machine is shared, so every number is the best of `rounds` interleaved runs (load from other processes
// only ever slows a run down); the matmul peak is re-measured each round and its best is used.
const rounds = n('rounds');
let peak = 0;
let ours = 0;
let torchBest = null;
let torchVersion = null;
let torchVariant = null;
const openmpBlas = '/usr/lib/x86_64-linux-gnu/openblas-openmp';
// PyTorch's best of: its default BLAS (Debian: pthreads OpenBLAS), OPENBLAS_NUM_THREADS=1 (a pthreads OpenBLAS
// otherwise competes with torch's OpenMP pool for the same cores) and the OpenMP OpenBLAS that lmforge links.
let variants = [['default BLAS', {}], ['OPENBLAS_NUM_THREADS=1', { OPENBLAS_NUM_THREADS: '1' }]];
if (existsSync(openmpBlas)) variants.push(['OpenMP OpenBLAS', { LD_LIBRARY_PATH: openmpBlas }]);
const withTorch = !a['no-torch'] && a.device === 'cpu' && a.precision === 'fp32' && python !== null;
if (withTorch && variants.length > 1) {
  // Pick PyTorch's fastest BLAS setting with short runs, then time only that one in the rounds.
  let pick = -1;
  for (const [name, env] of variants) {
    const res = runTorch(env, { warmup: 1, steps: Math.min(4, cfg.steps) });
    if (res.tokensPerSecond > pick) {
      pick = res.tokensPerSecond;
      torchVariant = name;
    }
  }
  variants = variants.filter(([name]) => name === torchVariant);
}
for (let r = 0; r < rounds; r++) {
  peak = Math.max(peak, matmulPeak());
  ours = Math.max(ours, await runLmforge());
  if (!withTorch) continue;
  const res = runTorch(variants[0][1]);
  torchVersion = res.torch;
  torchBest = Math.max(torchBest ?? 0, res.tokensPerSecond);
}
const mfu = (tps) => (tps * flopsPerToken) / (peak * 1e9);
const rows = [
  ['lmforge (native loop)', ours.toFixed(0), (100 * mfu(ours)).toFixed(1) + '%'],
  ...(torchBest !== null ? [[`PyTorch ${torchVersion} eager (${torchVariant})`, torchBest.toFixed(0), (100 * mfu(torchBest)).toFixed(1) + '%']] : [['PyTorch eager', 'not available', '']]),
];
console.log(`best of ${rounds} rounds; model: ${cfg.layers} layers, ${cfg.heads} heads, embd ${C}, ctx ${cfg.ctx}, vocab ${cfg.vocab}, batch ${cfg.batch}; ${cfg.steps} timed steps after ${cfg.warmup} warm-up; ${cfg.threads} threads`);
console.log(`matmul peak (fp32, measured now): ${peak.toFixed(1)} GFLOP/s; ${(flopsPerToken / 1e6).toFixed(1)} MFLOP per token`);
console.log('runner'.padEnd(48) + 'tokens/s'.padStart(12) + 'MFU'.padStart(9));
for (const [name, tps, m] of rows) console.log(name.padEnd(48) + tps.padStart(12) + m.padStart(9));
if (torchBest !== null) console.log(`ratio lmforge / PyTorch: ${(ours / torchBest).toFixed(3)}`);
// On an H100 the goal is stated against the dense bf16 peak (989 TFLOP/s, llm.c's formula).
const h100Mfu = a.device.startsWith('cuda') && a.precision === 'bf16' ? (ours * flopsPerToken) / 989e12 : null;
if (h100Mfu !== null) console.log(`MFU vs H100 SXM bf16 dense peak (989 TFLOP/s): ${(100 * h100Mfu).toFixed(1)}%`);
console.log(JSON.stringify({
  tokensPerSecond: Math.round(ours),
  pytorchTokensPerSecond: torchBest === null ? null : Math.round(torchBest),
  ratio: torchBest === null ? null : Number((ours / torchBest).toFixed(3)),
  mfu: Number(mfu(ours).toFixed(4)),
  pytorchMfu: torchBest === null ? null : Number(mfu(torchBest).toFixed(4)),
  matmulPeakGflops: Number(peak.toFixed(1)),
  ...(h100Mfu !== null ? { mfuVsH100Peak: Number(h100Mfu.toFixed(4)) } : {}),
}));
