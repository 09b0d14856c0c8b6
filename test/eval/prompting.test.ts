import t from 'tap';
import { fewShotPrompt } from '../../lib/eval/prompting/few-shot.js';
import { chainOfThoughtPrompt, extractAnswer } from '../../lib/eval/prompting/chain-of-thought.js';

const examples = [
  { input: 'great movie', output: 'positive' },
  { input: 'boring plot ', output: ' negative' },
  { input: 'loved it', output: 'positive' },
  { input: 'waste of time', output: 'negative' },
  { input: 'fine', output: 'neutral' },
  { input: 'meh', output: 'neutral' },
];

t.test('few-shot: layout, trimming, order kept without a seed', (tt) => {
  const p = fewShotPrompt({ instruction: 'Classify the sentiment.', examples: examples.slice(0, 2), query: 'not bad' });
  tt.equal(p, 'Classify the sentiment.\n\nInput: great movie\nOutput: positive\n\nInput: boring plot\nOutput: negative\n\nInput: not bad\nOutput:');
  const qa = fewShotPrompt({ examples: examples.slice(0, 1), query: 'x', format: 'qa' });
  tt.equal(qa, 'Q: great movie\nA: positive\n\nQ: x\nA:');
  tt.end();
});

t.test('few-shot: at most 5 examples, seeded shuffle is reproducible', (tt) => {
  const a = fewShotPrompt({ examples, query: 'q', seed: 7 });
  const b = fewShotPrompt({ examples, query: 'q', seed: 7 });
  const c = fewShotPrompt({ examples, query: 'q', seed: 8 });
  tt.equal(a, b);
  tt.not(a, c);
  tt.equal(a.match(/^Input: /gm)!.length, 6, '5 examples + the query');
  const plain = fewShotPrompt({ examples, query: 'q', maxExamples: 3 });
  tt.equal(plain.match(/^Input: /gm)!.length, 4);
  tt.match(plain, /^Input: great movie/);
  tt.throws(() => fewShotPrompt({ examples: examples.slice(0, 2), query: 'q', minExamples: 3 }), /at least 3 required/);
  tt.throws(() => fewShotPrompt({ examples: [{ input: 'a' } as never], query: 'q' }), /options.examples\[0\]/);
  tt.throws(() => fewShotPrompt({ examples, query: 3 as unknown as string }), /options.query/);
  tt.end();
});

t.test('chain of thought: zero-shot and few-shot, answer extraction', (tt) => {
  tt.equal(chainOfThoughtPrompt({ question: 'What is 2+3*4?' }), "Q: What is 2+3*4?\nA: Let's think step by step.");
  const p = chainOfThoughtPrompt({
    instruction: 'Solve.',
    examples: [{ question: 'What is 1+1?', reasoning: 'One plus one is two.', answer: '2' }],
    question: 'What is 2+2?',
  });
  tt.equal(p, "Solve.\n\nQ: What is 1+1?\nA: Let's think step by step. One plus one is two.\nAnswer: 2\n\nQ: What is 2+2?\nA: Let's think step by step.");
  tt.equal(extractAnswer(' Two plus two is four.\nAnswer: 4\n\nQ: What is 3+3?\nA: ... Answer: 6'), '4', 'first answer, not an invented one');
  tt.equal(extractAnswer('no answer here'), null);
  tt.throws(() => chainOfThoughtPrompt({ question: 'q', examples: [{ question: 'a' } as never] }), /options.examples\[0\]/);
  tt.end();
});
