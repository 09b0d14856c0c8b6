import t from 'tap';
import { detectPII } from '../../lib/index.js';

const phones = (text: string) => detectPII(text, { entities: ['PHONE_NUMBER'] }).map((e) => e.text);

t.test('national numbers of other countries, by trunk 0 or a country word', async (t) => {
  t.same(phones('Mobile 07911 123456'), ['07911 123456'], 'UK mobile');
  t.same(phones('ring me on 0131 496 0123 today'), ['0131 496 0123'], 'UK landline');
  t.same(phones('rappeler au 06 12 34 56 78 svp'), ['06 12 34 56 78'], 'France');
  t.same(phones('contact: 0412 345 678'), ['0412 345 678'], 'Australia');
  t.same(phones('- Spain: Nerea, 943 55 01 22'), ['943 55 01 22'], 'country word, no trunk prefix');
  t.same(phones('Le escribimos para informarle que su solicitud está lista; puede llamarnos al 952 55 01 37.'), ['952 55 01 37'], 'the letter is Spanish');
  t.same(phones('+49 171 2345678'), ['+49 171 2345678']);
  t.same(phones('telefonisch unter 040 555 7712.'), ['040 555 7712'], '3-3-4 but a leading 0: not North American');
  t.same(phones('Wife Theresa (+43 664 555 0192) following'), ['+43 664 555 0192'], 'an opening parenthesis outside the number');
  t.same(phones('id;telefono\nM-1;612 55 50 11'), ['612 55 50 11'], 'a phone column vouches for a number with no country code');
});

t.test('look-alikes stay unflagged', async (t) => {
  t.same(phones('PKG 1Z 999 AA1 01 2345 6784'), [], 'inside a tracking code');
  t.same(phones('SSN 078-05-1120'), [], 'SSN-shaped');
  t.same(phones('943 55 01 22 units shipped'), [], 'no trunk 0 and no country word');
  t.same(phones('Il pacco n. 3300 4471 2290 è in consegna presso la sede per il ritiro.'), [], 'an Italian parcel number');
  t.same(phones('ISBN 978-0-306-40615-7'), []);
});

t.test('cards labelled as something else', async (t) => {
  const cards = (text: string) => detectPII(text, { entities: ['CREDIT_CARD'] }).map((e) => e.text);
  t.same(cards('Warranty card no. 4410-2291-8834-1102'), [], 'passes Luhn, but a warranty card');
  t.same(cards('Visa card 4111-1111-1111-1111'), ['4111-1111-1111-1111']);
});

t.test('North American numbers in their written forms, extensions after "x"', async (t) => {
  t.same(phones('Direct: 416-555-0199 x 2231'), ['416-555-0199 x 2231']);
  // 555-01xx is reserved for fiction and not valid in every province: still a phone number when written as one.
  t.same(phones('reach me at (604) 555-0142 anytime'), ['(604) 555-0142']);
  t.same(phones('take 2 x 500 mg daily'), []);
  t.same(phones('Ring 0044 20 7946 0958 from abroad'), ['0044 20 7946 0958'], '00 international prefix');
  t.same(phones('or call us on 1300 975 709.'), ['1300 975 709'], 'Australian local-rate number');
});

t.test('brackets and versions around numbers', async (t) => {
  t.same(phones('Her daughter Rachel (07723 441902) will collect her'), ['07723 441902'], 'an opening bracket closed after the number is not part of it');
  t.same(detectPII('Assembly version is now 4.12.0.1; reinstall', { entities: ['IP_ADDRESS'] }).map((e) => e.text), [], 'a version, not a host');
  t.same(detectPII('Blocked 4.12.0.1 at the firewall', { entities: ['IP_ADDRESS'] }).map((e) => e.text), ['4.12.0.1']);
});

t.test('international numbers: possible ones after "+", national ones after a cue, not host names', async (t) => {
  t.same(phones('Messages — +44 7700 900884'), ['+44 7700 900884'], 'Ofcom drama range is possible, not valid');
  t.same(phones('Tel.: 944 23 81 60 · nerea@example.es'), ['944 23 81 60'], 'Spanish number after a cue');
  t.same(phones('Received: from h-66-166-21-186.example.net'), [], 'digits in a host name');
  t.same(phones('Contact record exported 2024-10-02 16:20 AEST'), [], 'a date and time');
});

t.test('Nordic, Czech and Polish national numbers after a cue or in their language', async (t) => {
  const phones = (text: string) => detectPII(text).filter((e) => e.type === 'PHONE_NUMBER').map((e) => e.text);
  t.same(phones('Du har time hos tannlege. Avbestill senest 24 t før på 22 41 87 60, ellers belastes du.'), ['22 41 87 60']);
  t.same(phones('Jagtvej 118, 2200 København N, tlf. 33 12 48 90'), ['33 12 48 90']);
  t.same(phones('Mob: +47 917 44 208 | Sentralbord: 23 19 40 00'), ['+47 917 44 208', '23 19 40 00']);
  t.same(phones('Prosím, v případě potřeby volejte na 777 214 905.'), ['777 214 905']);
  t.same(phones('jakby coś dzwoń do mamy 512 847 306'), ['512 847 306']);
  t.same(phones('On Wed, 2002-08-21 at 14:07, Ciaran wrote'), [], 'eight digits with dashes are a date');
  t.same(phones('Order 22 41 87 60 shipped'), [], 'no cue, no language');
});

t.test('German switchboard extensions and an area code set off by a slash', async (t) => {
  const phones = (text: string) => detectPII(text).filter((e) => e.type === 'PHONE_NUMBER').map((e) => e.text);
  t.same(phones('Rüttenscheider Straße 199, 45131 Essen, Tel. 0201 877 41-0\nund'), ['0201 877 41-0']);
  t.same(phones('Tel. 0221 / 93 47 18-0 · Fax 0221 / 93 47 18-29'), ['0221 / 93 47 18-0', '0221 / 93 47 18-29']);
  t.same(phones('Invoice 2024 / 11 / 05'), []);
});
