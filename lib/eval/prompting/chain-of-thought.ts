/**
 * Chain-of-thought prompts: zero-shot ("Let's think step by step", Kojima et al. 2022) when no worked
 * examples are given, few-shot with reasoning then answer (Wei et al. 2022) when they are; and the
 * matching answer extraction for scoring the generations.
 */
import { checkArg } from '../../errors.js';
import { shuffled } from './few-shot.js';

export interface ReasoningExample {
  question: string;
  reasoning: string;
  answer: string;
}

export interface ChainOfThoughtOptions {
  question: string;
  instruction?: string;
  examples?: ReasoningExample[];
  /** Default "Let's think step by step." */
  trigger?: string;
  /** Line that introduces the final answer. Default 'Answer:'. */
  answerPrefix?: string;
  /** Default 'Q: '. */
  questionPrefix?: string;
  /** Default 'A: '. */
  reasoningPrefix?: string;
  /** Shuffle examples with this seed. */
  seed?: number;
  maxExamples?: number;
}

export function chainOfThoughtPrompt(options: ChainOfThoughtOptions): string {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  checkArg(typeof options.question === 'string', 'options.question', 'a string', options.question);
  const examples = options.examples ?? [];
  checkArg(Array.isArray(examples), 'options.examples', 'an array', examples);
  examples.forEach((e, i) => checkArg(
    typeof e?.question === 'string' && typeof e.reasoning === 'string' && typeof e.answer === 'string',
    `options.examples[${i}]`, 'an object with string question, reasoning and answer', e));
  const trigger = options.trigger ?? "Let's think step by step.";
  const ans = options.answerPrefix ?? 'Answer:';
  const q = options.questionPrefix ?? 'Q: ';
  const a = options.reasoningPrefix ?? 'A: ';
  const ordered = options.seed !== undefined ? shuffled(examples, options.seed) : examples;
  const chosen = ordered.slice(0, options.maxExamples ?? 5);
  const parts: string[] = [];
  if (options.instruction?.trim()) parts.push(options.instruction.trim());
  for (const e of chosen) parts.push(`${q}${e.question.trim()}\n${a}${trigger} ${e.reasoning.trim()}\n${ans} ${e.answer.trim()}`);
  parts.push(`${q}${options.question.trim()}\n${a}${trigger}`);
  return parts.join('\n\n');
}

/**
 * The final answer in a chain-of-thought generation: the text after the first `answerPrefix` (later ones
 * belong to examples the model went on to invent), up to the end of that line; null when there is none.
 */
export function extractAnswer(generation: string, answerPrefix = 'Answer:'): string | null {
  checkArg(typeof generation === 'string', 'generation', 'a string', generation);
  const at = generation.indexOf(answerPrefix);
  if (at < 0) return null;
  const rest = generation.slice(at + answerPrefix.length).trim();
  return rest.split('\n')[0]!.trim();
}
