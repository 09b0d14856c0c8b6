import t from 'tap';
import { classificationReport, pyFixed } from '../../lib/eval/metrics/classification-report.js';

// Expected texts: scikit-learn 1.2.1 classification_report on these inputs (repr of its output).
t.test('text identical to sklearn classification_report', (tt) => {
  const yt = ['cat', 'dog', 'bird', 'cat', 'dog', 'cat', 'bird', 'bird', 'dog', 'cat'];
  const yp = ['cat', 'cat', 'bird', 'cat', 'dog', 'dog', 'bird', 'cat', 'dog', 'bird'];
  tt.equal(classificationReport(yt, yp).text,
    '              precision    recall  f1-score   support\n\n        bird       0.67      0.67      0.67         3\n         cat       0.50      0.50      0.50         4\n         dog       0.67      0.67      0.67         3\n\n    accuracy                           0.60        10\n   macro avg       0.61      0.61      0.61        10\nweighted avg       0.60      0.60      0.60        10\n');
  const r = classificationReport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { digits: 3 });
  tt.equal(r.text,
    '              precision    recall  f1-score   support\n\n           0      0.667     1.000     0.800         2\n           1      0.000     0.000     0.000         2\n           2      0.000     0.000     0.000         2\n\n    accuracy                          0.333         6\n   macro avg      0.222     0.333     0.267         6\nweighted avg      0.222     0.333     0.267         6\n');
  tt.ok(Math.abs(r.accuracy! - 1 / 3) < 1e-12);
  tt.equal(classificationReport([0, 1, 2, 2], [0, 1, 1, 1], { labels: [1, 2], targetNames: ['one', 'two'] }).text,
    '              precision    recall  f1-score   support\n\n         one       0.33      1.00      0.50         1\n         two       0.00      0.00      0.00         2\n\n   micro avg       0.33      0.33      0.33         3\n   macro avg       0.17      0.50      0.25         3\nweighted avg       0.11      0.33      0.17         3\n');
  tt.throws(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] }), /options.targetNames/);
  tt.end();
});

t.test("Python's rounding (ties to even on exact binary ties)", (tt) => {
  // Python: '{:.2f}'.format(0.125) == '0.12', 0.375 -> '0.38', '{:.1f}'.format(0.25) == '0.2'.
  tt.equal(pyFixed(0.125, 2), '0.12');
  tt.equal(pyFixed(0.375, 2), '0.38');
  tt.equal(pyFixed(0.25, 1), '0.2');
  tt.equal(pyFixed(2 / 3, 2), '0.67');
  tt.equal(pyFixed(0.1 + 0.2, 1), '0.3');
  tt.end();
});
