/** GPT configuration mirroring Hugging Face's GPT2Config, its validation and its config.json form. */
import { LmforgeError } from '../errors.js';

export interface GPTConfig {
  vocabSize: number;
  /** Maximum context length (HF n_positions / max_position_embeddings). */
  nPositions: number;
  nEmbd: number;
  nLayer: number;
  nHead: number;
  dropout: number;
  layerNormEpsilon: number;
  tieWordEmbeddings: boolean;
}

/** GPT-2 small's shape (HF GPT2Config defaults). */
export const GPT2_DEFAULTS: GPTConfig = {
  vocabSize: 50257,
  nPositions: 1024,
  nEmbd: 768,
  nLayer: 12,
  nHead: 12,
  dropout: 0.0,
  layerNormEpsilon: 1e-5,
  tieWordEmbeddings: true,
};

function badConfig(message: string): never {
  throw new LmforgeError('BAD_CONFIG', message);
}

/** Fills defaults and checks every field; errors name the field. */
export function resolveConfig(partial: Partial<GPTConfig>): GPTConfig {
  const c: GPTConfig = { ...GPT2_DEFAULTS, ...partial };
  for (const k of ['vocabSize', 'nPositions', 'nEmbd', 'nLayer', 'nHead'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) badConfig(`config.${k} must be a positive integer, got ${c[k]}`);
  }
  if (c.nEmbd % c.nHead !== 0) badConfig(`config.nEmbd (${c.nEmbd}) must be divisible by config.nHead (${c.nHead})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) badConfig(`config.dropout must be in [0, 1), got ${c.dropout}`);
  if (!(c.layerNormEpsilon > 0)) badConfig(`config.layerNormEpsilon must be > 0, got ${c.layerNormEpsilon}`);
  if (typeof c.tieWordEmbeddings !== 'boolean') badConfig('config.tieWordEmbeddings must be a boolean');
  return c;
}

/** HF config.json for GPT2LMHeadModel. */
export function toHfConfig(c: GPTConfig): Record<string, unknown> {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    activation_function: 'gelu_new',
    vocab_size: c.vocabSize,
    n_positions: c.nPositions,
    n_ctx: c.nPositions,
    n_embd: c.nEmbd,
    n_layer: c.nLayer,
    n_head: c.nHead,
    n_inner: null,
    resid_pdrop: c.dropout,
    embd_pdrop: c.dropout,
    attn_pdrop: c.dropout,
    layer_norm_epsilon: c.layerNormEpsilon,
    initializer_range: 0.02,
    scale_attn_weights: true,
    tie_word_embeddings: c.tieWordEmbeddings,
    torch_dtype: 'float32',
  };
}

/** Reads an HF GPT-2 config.json object; `file` names it in errors. */
export function fromHfConfig(json: Record<string, unknown>, file: string): GPTConfig {
  const field = (name: string, fallback?: unknown): unknown => (json[name] === undefined ? fallback : json[name]);
  const bad = (msg: string): never => {
    throw new LmforgeError('BAD_CONFIG', `${file}: ${msg}`);
  };
  const type = field('model_type');
  if (type !== undefined && type !== 'gpt2') bad(`model_type is '${String(type)}'; only GPT-2 ('gpt2') models are supported`);
  const act = field('activation_function', 'gelu_new');
  if (act !== 'gelu_new' && act !== 'gelu_pytorch_tanh') bad(`activation_function '${String(act)}' is not supported (GPT-2 uses gelu_new, the tanh GELU)`);
  const nEmbd = Number(field('n_embd', GPT2_DEFAULTS.nEmbd));
  const inner = field('n_inner', null);
  if (inner !== null && inner !== 4 * nEmbd) bad(`n_inner ${String(inner)} is not supported (must be null or 4 * n_embd)`);
  for (const flag of ['scale_attn_by_inverse_layer_idx', 'reorder_and_upcast_attn']) {
    if (field(flag) === true) bad(`${flag}: true is not supported`);
  }
  const drop = Number(field('resid_pdrop', 0.1));
  try {
    return resolveConfig({
      vocabSize: Number(field('vocab_size', GPT2_DEFAULTS.vocabSize)),
      nPositions: Number(field('n_positions', field('max_position_embeddings', GPT2_DEFAULTS.nPositions))),
      nEmbd,
      nLayer: Number(field('n_layer', GPT2_DEFAULTS.nLayer)),
      nHead: Number(field('n_head', GPT2_DEFAULTS.nHead)),
      dropout: drop,
      layerNormEpsilon: Number(field('layer_norm_epsilon', 1e-5)),
      tieWordEmbeddings: field('tie_word_embeddings', true) !== false,
    });
  } catch (err) {
    if (err instanceof LmforgeError) bad(err.message);
    throw err;
  }
}
