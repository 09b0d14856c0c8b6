// Recognisers added after the independent hold-outs 13-16: chat-export transcripts, CSV columns typed
// by role words and by their cells, login names, town names, role mailboxes and national phone forms.
// Each case is hand-written; expected spans are what an annotator marks (see the hold-out conventions).
import t from 'tap';
import { detectPII } from '../../lib/privacy/index.js';

const of = (text: string, type: string, minScore?: number) =>
  detectPII(text, minScore === undefined ? undefined : { minScore }).filter((e) => e.type === type).map((e) => e.text);

t.test('transcript speakers in the forms chat tools export', async (t) => {
  const slack = 'megan.oduya  10:02 AM\nanyone know why the refund is pending?\nraj  10:04 AM\n@megan.oduya finance has it\nmegan.oduya  10:05 AM\nugh ok';
  t.same(of(slack, 'PERSON'), ['megan.oduya', 'raj', 'megan.oduya', 'megan.oduya']);
  const ward = '[02:14] jess (RN 5W): bed 9 bp 84/50\n[02:16] Dr. Anil Kapoor: bolus 500 mL\n[02:17] jess (RN 5W): ok';
  t.same(of(ward, 'PERSON'), ['jess', 'Anil Kapoor', 'jess']);
  // A form's labels do not repeat, so they are no speakers.
  t.same(of('EDD: 14/11/2024\nParity: G1P0\nPlan: review in 2 weeks', 'PERSON'), []);
});

t.test('CSV columns: role headers, firm columns, unquoted addresses', async (t) => {
  t.same(of('ticket,reporter,status\nT-441,Nomvula Dube,open\nT-442,Oskar Lindahl,closed', 'PERSON'), ['Nomvula Dube', 'Oskar Lindahl']);
  // "Account Name" in a CRM export holds firms.
  t.same(of('Account Name,Type\nPinecrest Family Dental,Customer\nSnowfield Brewing Co.,Prospect', 'PERSON'), []);
  const csv = 'last_name,first_name,dob,address,phone\nHaddad-Torres,Miriam,1977-03-02,608 Larkspur Way,Boise,ID,83702,208-555-0107';
  t.same(of(csv, 'LOCATION'), ['608 Larkspur Way,Boise,ID,83702']);
  t.same(of(csv, 'PERSON'), ['Haddad-Torres', 'Miriam']);
});

t.test('town and club names are not people; quoted nicknames join the name', async (t) => {
  t.same(of('Day 3: Edinburgh to Inverness. We flew into San Francisco.', 'PERSON'), []);
  t.same(of('Hartlepool Wanderers 2-1 Ashby Town', 'PERSON'), []);
  t.same(of('Patient: Margaret "Peggy" Doyle-Hanrahan, seen today.', 'PERSON'), ['Margaret "Peggy" Doyle-Hanrahan']);
});

t.test('login names and lower-case relatives', async (t) => {
  t.same(of('sshd[23011]: Accepted publickey for nadia.petrov from 192.0.2.146; file config.yaml', 'PERSON'), ['nadia.petrov']);
  t.same(of('will do. my son tyler will be here wed. her daughter will call', 'PERSON'), ['tyler']);
});

t.test('role mailboxes are below the default threshold', async (t) => {
  const text = 'From: Ada Byrne <ada.byrne@comcast.net>\nTo: portalhelp@lakemichiganhealth.org';
  t.same(of(text, 'EMAIL_ADDRESS'), ['ada.byrne@comcast.net']);
  t.same(of(text, 'EMAIL_ADDRESS', 0.3), ['ada.byrne@comcast.net', 'portalhelp@lakemichiganhealth.org']);
});

t.test('national phone forms and extensions', async (t) => {
  t.same(of('P: (02) 5550 2231 | M: 0491 570 119', 'PHONE_NUMBER'), ['(02) 5550 2231', '0491 570 119']);
  t.same(of('Direct: 604-555-0162 ext. 214 | jenna@routewise.io', 'PHONE_NUMBER'), ['604-555-0162 ext. 214']);
  t.same(of('Rückfragen bitte unter Tel. 0201 8473 2219.', 'PHONE_NUMBER'), ['0201 8473 2219']);
  // A local number without area code needs a phone cue.
  t.same(of('To cancel call 555-0108.', 'PHONE_NUMBER'), ['555-0108']);
  t.same(of('Room 555-0108 is booked.', 'PHONE_NUMBER'), []);
});

t.test('Portuguese column names and chat speakers with an initial', async (t) => {
  t.same(of('id;nome;email;celular;data_nascimento\n90871;Larissa Moreira;larissa@example.com;(11) 98123-4477;1996-04-18', 'PHONE_NUMBER'), ['(11) 98123-4477']);
  t.same(of('id;nome;email;celular;data_nascimento\n90871;Larissa Moreira;larissa@example.com;(11) 98123-4477;1996-04-18', 'DATE_OF_BIRTH'), ['1996-04-18']);
  t.same(of('[9:15 AM] Ngozi A.: I can\n[9:16 AM] Shauna Whitfield: thanks\n[9:17 AM] Ngozi A.: ok', 'PERSON'), ['Ngozi A.', 'Shauna Whitfield', 'Ngozi A.']);
});

t.test('two lines of prose with a comma each are no table', async (t) => {
  const text = 'Kolding, den 20. juni 2024\nFor virksomheden: Camilla Vestergaard, administrerende direktør\nMed venlig hilsen';
  t.ok(detectPII(text).some((e) => e.type === 'PERSON' && e.text === 'Camilla Vestergaard'), 'the name is not silenced as a table cell');
});

t.test('name-part columns owned by a role, and log-ins with a surname no list holds', async (t) => {
  const csv = 'player_first,player_last,dob,squad\nAmara,Nwosu,2014-03-22,U11 Girls\nFreya,Lindqvist-Hart,2014-07-09,U11 Girls\n';
  t.same(detectPII(csv, { entities: ['PERSON'] }).map((e) => e.text), ['Amara', 'Nwosu', 'Freya', 'Lindqvist-Hart']);
  t.same(detectPII('first_seen,last_seen,host\nAdele,Brook,web01\nMaxine,Fox,web02\n', { entities: ['PERSON'] }).map((e) => e.text).includes('Adele'), false,
    '"first seen" is no name column');
  const log = 'Mar 14 09:12:01 bastion-01 sshd[29304]: Accepted publickey for ingrid.lindqvist from 198.51.100.23 port 53318';
  t.same(detectPII(log, { entities: ['PERSON'] }).map((e) => e.text), ['ingrid.lindqvist']);
  t.same(detectPII('sshd[1]: Accepted publickey for deploy.runner from 10.0.0.5 port 22', { entities: ['PERSON'] }).map((e) => e.text), [], 'no known name part');
});

t.test('record numbers glued to their label, and Catalan, Italian and Nordic column headers', async (t) => {
  const csv = 'appt_id,patient_name,dob,mrn,phone\nA-20411,"Chen, Mei-Ling",1988-02-14,MRN00731842,604-555-0112\n';
  t.same(detectPII(csv).filter((e) => e.type === 'MEDICAL_RECORD_NUMBER').map((e) => e.text), ['MRN00731842']);
  const cat = 'id_soci,nom,cognoms,data_naixement,telefon\n1041,Jordi,Puig i Serra,1978-03-12,+34 679 214 503\n1042,Núria,Vilalta Roca,1985-11-30,+34 651 078 332\n';
  t.same(detectPII(cat).filter((e) => e.type !== 'PHONE_NUMBER').map((e) => e.text), ['Jordi', 'Puig i Serra', '1978-03-12', 'Núria', 'Vilalta Roca', '1985-11-30']);
  const it = 'matricola;cognome;nome;data_nascita;cellulare\n00417;De Luca;Giovanni Battista;1975-02-14;+39 335 612 8804\n00418;Russo;Federica;1991-10-08;+39 328 471 0396\n';
  t.same(detectPII(it).filter((e) => e.type === 'DATE_OF_BIRTH').map((e) => e.text), ['1975-02-14', '1991-10-08']);
});
