import t from 'tap';
import { piiRedactionStep, isDrop } from '../../lib/index.js';

t.test('redacts records and counts per type', async (t) => {
  const step = piiRedactionStep({ mode: 'tag' });
  t.equal(step.name, 'pii_redaction');
  const r = await step.process!({ id: 'a', text: 'Mail jane@example.org or 415-555-0132.', meta: { src: 'x' } });
  t.notOk(isDrop(r));
  if (isDrop(r)) return;
  t.equal(r.text, 'Mail <EMAIL_ADDRESS> or <PHONE_NUMBER>.');
  t.same(r.meta, { src: 'x', pii: [{ type: 'EMAIL_ADDRESS', start: 5, end: 21 }, { type: 'PHONE_NUMBER', start: 25, end: 37 }] });
  await step.process!({ id: 'b', text: 'nothing here', meta: {} });
  t.same(step.stats.counters, { 'entities.EMAIL_ADDRESS': 1, 'entities.PHONE_NUMBER': 1, chars_redacted: 28, records_with_pii: 1 });
  t.equal(step.stats.in, 2);
  t.equal(step.stats.kept, 2);
});

t.test('drop mode and secret hygiene', async (t) => {
  const step = piiRedactionStep({ drop: true, mode: 'pseudonym', secret: 'hush' });
  t.equal(step.config.secret, '<redacted>', 'the secret is not kept in the config');
  const r = await step.process!({ id: 'a', text: 'SSN 536-22-1987', meta: {} });
  t.same(r, { drop: 'contains_pii' });
  t.same(step.stats.filtered, { contains_pii: 1 });
  t.throws(() => piiRedactionStep({ mode: 'pseudonym', secret: '' }), { code: 'PII_SECRET_REQUIRED' });
});
