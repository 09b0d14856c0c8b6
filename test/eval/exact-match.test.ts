import t from 'tap';
import { exactMatch, exactMatchScores } from '../../lib/eval/metrics/exact-match.js';

// HF datasets/evaluate exact_match docstring examples (metrics/exact_match): 25.0, 50.0, 75.0, 100.0 on its 0-100 scale.
const refs = ['the cat', 'theater', 'YELLING', 'agent007'];
const preds = ['cat?', 'theater', 'yelling', 'agent'];

t.test('HF evaluate exact_match examples', (tt) => {
  tt.equal(exactMatch(preds, refs), 0.25);
  tt.equal(exactMatch(preds, refs, { regexesToIgnore: ['the ', 'yell'], ignoreCase: true, ignorePunctuation: true }), 0.5);
  tt.equal(exactMatch(preds, refs, { regexesToIgnore: ['the ', 'yell', 'YELL'], ignoreCase: true, ignorePunctuation: true }), 0.75);
  tt.equal(exactMatch(preds, refs, { regexesToIgnore: ['the ', 'yell', 'YELL'], ignoreCase: true, ignorePunctuation: true, ignoreNumbers: true }), 1);
  tt.equal(exactMatch(['The cat sat on the mat', 'Theaters are great', "It's like comparing oranges and apples"],
    ['The cat sat on the mat?', 'Theaters are great.', "It's like comparing apples and oranges."]), 0);
  tt.end();
});

t.test('SQuAD normalisation and multiple references', (tt) => {
  tt.same(exactMatchScores(['The  Eiffel tower!', 'paris'], [['eiffel tower'], ['London', 'Paris']], { normalize: 'squad' }), [1, 1]);
  tt.throws(() => exactMatch(['a'], []), /predictions has 1 items but references has 0/);
  tt.throws(() => exactMatch(['a'], [[1 as unknown as string]]), /references\[0\]/);
  tt.end();
});
