/**
 * Prompt builders that bake in the usual few-shot practice: a handful (3-5) of examples, every example
 * formatted identically, and a deterministic shuffle (seeded) so example order does not bias the model
 * the same way on every run while staying reproducible.
 */
import { seededRandom } from '../../util/random.js';
import { LmforgeError, checkArg } from '../../errors.js';

export interface FewShotExample {
  input: string;
  output: string;
}

/** How each example is laid out. */
export interface PromptFormat {
  /** Default 'Input: '. */
  inputPrefix?: string;
  /** Default 'Output: '. */
  outputPrefix?: string;
  /** Between input and output. Default '\n'. */
  fieldSeparator?: string;
  /** Between examples (and before the query). Default '\n\n'. */
  exampleSeparator?: string;
  /** Between the instruction and the first example. Default '\n\n'. */
  instructionSeparator?: string;
}

/** Named layouts: 'io' (Input:/Output:), 'qa' (Q:/A:), 'chat' (User:/Assistant:). */
export const PROMPT_FORMATS: Record<'io' | 'qa' | 'chat', PromptFormat> = {
  io: { inputPrefix: 'Input: ', outputPrefix: 'Output: ' },
  qa: { inputPrefix: 'Q: ', outputPrefix: 'A: ' },
  chat: { inputPrefix: 'User: ', outputPrefix: 'Assistant: ' },
};

export interface FewShotOptions {
  instruction?: string;
  examples: FewShotExample[];
  query: string;
  format?: PromptFormat | keyof typeof PROMPT_FORMATS;
  /** Most examples to use (after shuffling). Default 5. */
  maxExamples?: number;
  /** Fewest examples accepted. Default 1; set 3 to enforce the 3-5 rule. */
  minExamples?: number;
  /** Shuffle the examples. Default true when `seed` is given, else false. */
  shuffle?: boolean;
  /** Seed for the shuffle (same seed, same order). */
  seed?: number;
}

/** mulberry32 (shared with the rest of lmforge): same seed, same order. */
export { seededRandom };

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function resolveFormat(format: FewShotOptions['format']): Required<PromptFormat> {
  const f = typeof format === 'string' ? PROMPT_FORMATS[format] : format ?? PROMPT_FORMATS.io;
  if (f === undefined) throw new LmforgeError('EVAL_BAD_OPTION', `options.format must be 'io', 'qa', 'chat' or a PromptFormat, got "${String(format)}"`);
  return {
    inputPrefix: f.inputPrefix ?? 'Input: ',
    outputPrefix: f.outputPrefix ?? 'Output: ',
    fieldSeparator: f.fieldSeparator ?? '\n',
    exampleSeparator: f.exampleSeparator ?? '\n\n',
    instructionSeparator: f.instructionSeparator ?? '\n\n',
  };
}

/**
 * Builds a few-shot prompt ending with the query and the output prefix, ready for the model to
 * continue. Fields are trimmed so every example has the same shape.
 */
export function fewShotPrompt(options: FewShotOptions): string {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  const { instruction, examples, query } = options;
  checkArg(Array.isArray(examples), 'options.examples', 'an array of { input, output }', examples);
  checkArg(typeof query === 'string', 'options.query', 'a string', query);
  checkArg(instruction === undefined || typeof instruction === 'string', 'options.instruction', 'a string', instruction);
  examples.forEach((e, i) => {
    checkArg(typeof e?.input === 'string' && typeof e.output === 'string', `options.examples[${i}]`, 'an object with string input and output', e);
  });
  const max = options.maxExamples ?? 5;
  const min = options.minExamples ?? 1;
  checkArg(Number.isInteger(max) && max >= 1, 'options.maxExamples', 'a positive integer', max);
  checkArg(Number.isInteger(min) && min >= 0 && min <= max, 'options.minExamples', 'an integer between 0 and maxExamples', min);
  if (examples.length < min) {
    throw new LmforgeError('EVAL_TOO_FEW_EXAMPLES', `options.examples has ${examples.length} example(s); at least ${min} required (3-5 work best)`);
  }
  const doShuffle = options.shuffle ?? options.seed !== undefined;
  const ordered = doShuffle ? shuffled(examples, options.seed ?? 0) : examples;
  const chosen = ordered.slice(0, max);
  const f = resolveFormat(options.format);
  const block = (input: string, output?: string): string =>
    `${f.inputPrefix}${input.trim()}${f.fieldSeparator}${f.outputPrefix}${output === undefined ? '' : output.trim()}`;
  const parts = chosen.map((e) => block(e.input, e.output));
  parts.push(block(query).trimEnd());
  const body = parts.join(f.exampleSeparator);
  return instruction && instruction.trim() ? `${instruction.trim()}${f.instructionSeparator}${body}` : body;
}
