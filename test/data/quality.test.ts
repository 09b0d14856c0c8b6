import t from 'tap';
import { GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter } from '../../lib/data/index.js';

// 60 words of ordinary prose with stop words: passes every Gopher rule.
const prose = Array.from({ length: 6 }, (_, i) => `The farmer and the baker walked to market number ${i} with fresh bread, talking of weather.`).join(' ');

t.test('Gopher quality rules, datatrove reason names', async (t) => {
  const g = new GopherQualityFilter();
  t.equal(g.check(prose), null);
  t.equal(g.check('The cat and the dog.'), 'gopher_short_doc');
  t.equal(new GopherQualityFilter({ minDocWords: 3 }).check('a an to of be and the at by it'), 'gopher_below_avg_threshold');
  t.equal(new GopherQualityFilter({ minDocWords: 1 }).check('supercalifragilistic extraordinarily'), 'gopher_above_avg_threshold');
  // datatrove counts '#' characters: 20 over 110 tokens (108 of prose + 2) = 0.18 > 0.1
  t.equal(g.check(prose + ' ' + '#'.repeat(20) + ' end'), 'gopher_too_many_hashes');
  const bullets = Array.from({ length: 10 }, () => '- the item and the thing with words here').join('\n');
  t.equal(new GopherQualityFilter({ minDocWords: 10 }).check(bullets), 'gopher_too_many_bullets');
  const ell = Array.from({ length: 10 }, (_, i) => (i < 4 ? 'the story and the end goes on and on…' : 'the story and the end goes on and on.')).join('\n');
  t.equal(new GopherQualityFilter({ minDocWords: 10 }).check(ell), 'gopher_too_many_end_ellipsis');
  t.equal(new GopherQualityFilter({ minDocWords: 10, minAvgWordLength: null }).check('the and 1 2 3 4 5 6 7 8 9 10 11 12 13 14'), 'gopher_below_alpha_threshold');
  t.equal(new GopherQualityFilter({ minDocWords: 5 }).check('Lorem ipsum dolor sit amet consectetur adipiscing elit'), 'gopher_enough_stop_words');
  t.same(g.process({ id: 'x', text: 'too short', meta: {} }), { drop: 'gopher_short_doc' });
});

t.test('Gopher repetition rules', async (t) => {
  const r = new GopherRepetitionFilter();
  const natural = 'Rivers carry sediment from the mountains to the sea. Along the way, they carve valleys, build deltas and feed wetlands that shelter birds.\n\nFarmers have long settled near their banks, drawing water for crops while fearing the floods that come each spring when snow melts quickly.';
  t.equal(r.check(natural), null);
  t.equal(r.check(prose), 'top_4_gram', 'the templated prose repeats "The farmer and the" 6 times: 6*18/len > 0.16');
  // 2 of 4 paragraphs repeated: 0.5 > 0.3
  t.equal(r.check('alpha beta gamma\n\nalpha beta gamma\n\nalpha beta gamma\n\ndelta epsilon'), 'dup_para_frac');
  // lines: 4 lines, 1 duplicate (0.25 <= 0.3) but its chars 30/127 > 0.2
  const l = 'this line is repeated exactly.\nanother different line of text here\nthis line is repeated exactly.\nand a final line that is unique';
  t.equal(new GopherRepetitionFilter({ dupParaFrac: null, dupParaCharFrac: null }).check(l), 'dup_line_char_frac');
  // top 2-gram "the cat" x3 in 10 words: 7*3/len
  const tg = 'the cat sat the cat ran the cat hid';
  t.equal(new GopherRepetitionFilter({ dupParaFrac: null, dupParaCharFrac: null, dupLineFrac: null, dupLineCharFrac: null }).check(tg), 'top_2_gram');
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const rep = [...words.slice(0, 20), ...words.slice(0, 20)].join(' ');
  t.equal(new GopherRepetitionFilter({ dupParaFrac: null, dupParaCharFrac: null, dupLineFrac: null, dupLineCharFrac: null, topNGrams: [] }).check(rep), 'duplicated_5_n_grams');
});

t.test('C4 line and document rules', async (t) => {
  const c4 = new C4QualityFilter();
  const doc = [
    'This is a proper sentence. And a second one here.',
    'Menu Home About',
    'Please enable javascript to view this page properly.',
    'We use cookies; see our privacy policy for details.',
    'Another real line with enough words. It ends well!',
    'The last line has a citation[1] and ends here.',
    'no terminal punctuation in this line',
  ].join('\n');
  const r = c4.apply(doc);
  t.same(r, { text: 'This is a proper sentence. And a second one here.\nAnother real line with enough words. It ends well!\nThe last line has a citation and ends here.' });
  t.equal(c4.stats.counters['line_javascript'], 1);
  t.equal(c4.stats.counters['line_policy'], 1);
  t.equal(c4.stats.counters['line_no_terminal_punc'], 2);
  t.same(c4.apply('Short. Text.'), { drop: 'too_few_sentences' });
  t.same(c4.apply('Lorem ipsum dolor sit amet. One. Two. Three. Four.'), { drop: 'lorem_ipsum' });
  t.same(c4.apply('function x() { return 1; } is code. a. b. c. d.'), { drop: 'curly_bracket' });
});

t.test('languages option: other languages pass untouched', async (t) => {
  const g = new GopherQualityFilter({ languages: ['en'] });
  const zh = { id: 'z', text: '敏捷的棕色狐狸跳过了那只懒狗。', meta: { lang: 'zh' } };
  t.same(g.process(zh), zh);
  t.equal(g.stats.counters['skipped_language'], 1);
  t.same(g.process({ ...zh, meta: { lang: 'en' } }), { drop: 'gopher_short_doc' });
  t.same(g.process({ ...zh, meta: {} }), { drop: 'gopher_short_doc' }, 'no meta.lang: the rule applies');
  t.same(new C4QualityFilter({ languages: ['en'] }).process(zh), zh);
  t.same(new GopherRepetitionFilter({ languages: ['de'] }).process({ id: 'r', text: 'a\n\na\n\na', meta: { lang: 'en' } }), { id: 'r', text: 'a\n\na\n\na', meta: { lang: 'en' } });
});
