import t from 'tap';
import { detectPII } from '../../lib/index.js';

const found = (text: string) => detectPII(text).map((e) => [e.type, e.text]);

t.test('dates of birth: month-name forms and cues in other languages', async (t) => {
  t.same(found('DOB: 22-Aug-1990'), [['DATE_OF_BIRTH', '22-Aug-1990']]);
  t.same(found('Jürgen Vogel (geb. 02.11.1955)').filter(([k]) => k === 'DATE_OF_BIRTH'), [['DATE_OF_BIRTH', '02.11.1955']]);
  t.same(found('née le 3/4/1961'), [['DATE_OF_BIRTH', '3/4/1961']]);
  t.same(found('fecha de nacimiento: 12/10/1985'), [['DATE_OF_BIRTH', '12/10/1985']]);
  t.same(found('Date of birth: 12 Nisan 1984'), [['DATE_OF_BIRTH', '12 Nisan 1984']], 'Turkish month');
  t.same(found('nacido el 3 de marzo de 1971'), [['DATE_OF_BIRTH', '3 de marzo de 1971']], 'Spanish long form');
});

t.test('a date right after a name is a birth date only when it is old enough', async (t) => {
  t.same(found('Patient: Gideon Asare (19-Feb-1961), MRN 3320918.'), [['PERSON', 'Gideon Asare'], ['DATE_OF_BIRTH', '19-Feb-1961'], ['MEDICAL_RECORD_NUMBER', '3320918']]);
  const recent = `${new Date().getUTCFullYear()}-01-05`;
  t.same(found(`Signed: Gideon Asare (${recent})`), [['PERSON', 'Gideon Asare']]);
  t.same(found('Signed: Kasper Jensen, 03.01.1990').filter(([k]) => k === 'DATE_OF_BIRTH'), [], 'a signature line carries the signing date');
});

t.test('hospital identifiers by their labels', async (t) => {
  t.same(found('NHS No: 485 777 3456'), [['MEDICAL_RECORD_NUMBER', '485 777 3456']]);
  t.same(found('UHID: PN-2231987'), [['MEDICAL_RECORD_NUMBER', 'PN-2231987']]);
  t.same(found('NHI: ZAC4491'), [['MEDICAL_RECORD_NUMBER', 'ZAC4491']], 'New Zealand National Health Index');
});

t.test('function mailboxes in several languages are not personal e-mail', async (t) => {
  const emails = (text: string) => detectPII(text, { entities: ['EMAIL_ADDRESS'] }).map((e) => e.text);
  t.same(emails('praxis@albrecht-freiburg.de, kontakt@firma.de, accueil@mairie.fr, j.doe@firma.de'), ['j.doe@firma.de']);
  t.same(detectPII('kontakt@firma.de', { entities: ['EMAIL_ADDRESS'], minScore: 0.3 }).length, 1, 'still reported below the default threshold');
});

t.test('hospital numbers: more labels', async (t) => {
  const mrn = (text: string) => found(text).filter(([k]) => k === 'MEDICAL_RECORD_NUMBER').map(([, v]) => v);
  t.same(mrn('My MRN is 00719244, can you check?'), ['00719244']);
  t.same(mrn('UR: 4471093   Ward 5'), ['4471093'], 'Australian UR number');
  t.same(mrn('OHIP 1234-567-890-AB, chart no. 55-1203'), ['1234-567-890-AB', '55-1203'], 'Ontario health card with version code');
  t.same(mrn('what is ur number 5550123'), [], 'chat "ur"');
});

t.test('hospital numbers and birth dates: labels of UK, Scottish, Spanish and German records', async (t) => {
  const of = (text: string, type: string) => found(text).filter(([k]) => k === type).map(([, v]) => v);
  t.same(of('Bed 3: Mr Keith Haverfield (UR 2208741), 71M', 'MEDICAL_RECORD_NUMBER'), ['2208741']);
  t.same(of('His CHI is 1207815531 and he is happy', 'MEDICAL_RECORD_NUMBER'), ['1207815531']);
  t.same(of('RiO ID: 1094473    NHS: 485 117 3024', 'MEDICAL_RECORD_NUMBER'), ['485 117 3024']);
  t.same(of('patient no. (NHC) 3318472', 'MEDICAL_RECORD_NUMBER'), ['3318472']);
  t.same(of('tai chi 2x weekly, chi 12345', 'MEDICAL_RECORD_NUMBER'), []);
  t.same(of('Date of birth (YYYY-MM-DD): 1988-11-03', 'DATE_OF_BIRTH'), ['1988-11-03'], 'a format hint after the label');
  t.same(of('| DOB | 1995-06-30 |', 'DATE_OF_BIRTH'), ['1995-06-30'], 'a markdown table');
  t.same(of('Geburtsdatum: 12.03.1986', 'DATE_OF_BIRTH'), ['12.03.1986']);
});

t.test('Canadian health numbers and French birth clauses', async (t) => {
  const of = (text: string, type: string) => found(text).filter(([k]) => k === type).map(([, v]) => v);
  t.same(of('Client: G. Bouchard   RAMQ: BOUG 4207 1518', 'MEDICAL_RECORD_NUMBER'), ['BOUG 4207 1518']);
  t.same(of('PHN: 9876 543 217   DOB: 1936-11-28', 'MEDICAL_RECORD_NUMBER'), ['9876 543 217']);
  t.same(of('Monsieur est né à DAKAR (Sénégal) le 21 avril 1988.', 'DATE_OF_BIRTH'), ['21 avril 1988']);
});

t.test('labels in JSON, chat and Italian or French records', async (t) => {
  const of = (text: string, type: string) => found(text).filter(([k]) => k === type).map(([, v]) => v);
  t.same(of('{"name": "Ada Obi", "dob": "1994-07-22"}', 'DATE_OF_BIRTH'), ['1994-07-22'], 'a JSON field');
  t.same(of('residenza: nata a Caserta il 09/02/1992.', 'DATE_OF_BIRTH'), ['09/02/1992']);
  t.same(of('His MRN on the paperwork is 00982214. Thanks', 'MEDICAL_RECORD_NUMBER'), ['00982214']);
  t.same(of('Né le : 11/05/1968      IPP : 7700452189', 'MEDICAL_RECORD_NUMBER'), ['7700452189']);
});

t.test('record-number labels of US forms, Nordic, Polish, Italian, French and Portuguese charts', async (t) => {
  const mrn = (text: string) => detectPII(text).filter((e) => e.type === 'MEDICAL_RECORD_NUMBER').map((e) => e.text);
  t.same(mrn('Hospital #: H-2231-0458'), ['H-2231-0458']);
  t.same(mrn('MR#: HH-70215'), ['HH-70215']);
  t.same(mrn('Chart #: MC-PH-201188'), ['MC-PH-201188'], 'two letter groups before the digits');
  t.same(mrn('Journalnr.: RH-0813366'), ['RH-0813366']);
  t.same(mrn('Nr karty pacjenta: K/2291/2015'), ['K/2291/2015'], 'slashes');
  t.same(mrn('N. cartella: 2024/DER/06617'), ['2024/DER/06617']);
  t.same(mrn('Nº historia clínica: 11842'), ['11842'], 'the longer label wins over "Nº historia"');
  t.same(mrn('N° dossier patient : 0048213957'), ['0048213957']);
  t.same(mrn('Nº processo: 11284735'), ['11284735']);
  t.same(mrn('Pat.-Nr. 4420187 · Aufnahme 29.04.2024'), ['4420187']);
  t.same(mrn('Order #: 2024/DER/06617'), [], 'no label, no record number');
});

t.test('birth-date cues: Nordic and Polish, place-of-birth headers, "as per" sources', async (t) => {
  const dob = (text: string) => detectPII(text).filter((e) => e.type === 'DATE_OF_BIRTH').map((e) => e.text);
  t.same(dob('Patient: Mette Bundgaard Sørensen, født 02.02.1947'), ['02.02.1947']);
  t.same(dob('Född den 3 maj 1980 i Malmö'), ['3 maj 1980']);
  t.same(dob('Jan Kowalski, ur. 12 marca 1975 w Krakowie'), ['12 marca 1975']);
  t.same(dob('Geburtsdatum / -ort: 05.10.1990 / Duisburg'), ['05.10.1990']);
  t.same(dob('DOB as per policy: 19-08-1968'), ['19-08-1968']);
  t.same(dob('Policy start date: 19-08-2021'), []);
});

t.test('birth dates and record numbers in Dutch, Norwegian, Czech and Finnish', async (t) => {
  const of = (text: string, type: string) => detectPII(text).filter((e) => e.type === type).map((e) => e.text);
  t.same(of('De heer Mehmet Yılmaz, geboren op 17-09-1991 te Zaandam', 'DATE_OF_BIRTH'), ['17-09-1991']);
  t.same(of('foresatte for: Emil Haugland Aasen, f. 03.06.2016', 'DATE_OF_BIRTH'), ['03.06.2016']);
  t.same(of('Zaměstnanec: Ondřej Kolář, nar. 3. 11. 1994, bytem Kotlářská 51', 'DATE_OF_BIRTH'), ['3. 11. 1994'], 'Czech spaced date');
  t.same(of('Syntymäaika: 8.6.1971\nPotilasnumero: 500228174', 'MEDICAL_RECORD_NUMBER'), ['500228174']);
  t.same(of('Datum narození: 14. 5. 1967\nČ. chorobopisu: 2025/04471', 'MEDICAL_RECORD_NUMBER'), ['2025/04471']);
  t.same(of('torsdag 14.11 kl. 08:30 (pasientnr 20931)', 'MEDICAL_RECORD_NUMBER'), ['20931']);
  t.same(of('Vedlagt f. eks. 12 sider', 'DATE_OF_BIRTH'), []);
});

t.test('role mailboxes in other languages and made of function parts', async (t) => {
  const emails = (text: string) => detectPII(text).filter((e) => e.type === 'EMAIL_ADDRESS').map((e) => e.text);
  t.same(emails('Kopi: regnskap@fjordbygg.no; jugend@tsv-eichenau.de; recepce@hotelmlynska.cz'), []);
  t.same(emails('Cc: mobility-emea@veridane.com, billing-oncall@acme-fin.com'), []);
  t.same(emails('Cc: ingrid.haugen@fjordbygg.no'), ['ingrid.haugen@fjordbygg.no']);
});

t.test('record numbers in spaced groups; Catalan, Portuguese, German and Finnish labels', async (t) => {
  const of = (text: string, type: string) => detectPII(text).filter((e) => e.type === type).map((e) => e.text);
  t.same(of('N.º processo: 11 884 203     N.º SNS: 284 719 305\nData', 'MEDICAL_RECORD_NUMBER'), ['11 884 203', '284 719 305']);
  t.same(of('Data de naixement: 30/11/2015      NHC: 0061 2987 44\nAdreça', 'MEDICAL_RECORD_NUMBER'), ['0061 2987 44']);
  t.same(of('Data de naixement: 30/11/2015      NHC: 0061 2987 44\nAdreça', 'DATE_OF_BIRTH'), ['30/11/2015']);
  t.same(of('Patient: Dragan Petrović\nGeb.-Datum: 23.04.1987\nKartei-Nr.: 2024/0871', 'MEDICAL_RECORD_NUMBER'), ['2024/0871']);
  t.same(of('Patient: Dragan Petrović\nGeb.-Datum: 23.04.1987\nKartei-Nr.: 2024/0871', 'DATE_OF_BIRTH'), ['23.04.1987']);
  t.same(of('Lapsi: Eetu Mäkelä, s. 02.11.2020', 'DATE_OF_BIRTH'), ['02.11.2020']);
  t.same(of('Sra. Aïcha Diallo Camara, nascuda el 23/04/2001 a Banyoles', 'DATE_OF_BIRTH'), ['23/04/2001']);
  t.same(of('MRN 12 34', 'MEDICAL_RECORD_NUMBER'), [], 'two short groups are no record number');
});
