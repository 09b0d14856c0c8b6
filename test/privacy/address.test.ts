import t from 'tap';
import { detectPII } from '../../lib/index.js';

const locations = (text: string) => detectPII(text, { entities: ['LOCATION'] }).map((e) => e.text);

t.test('US addresses keep working, including numbered streets', async (t) => {
  t.same(locations('lives at 1427 Maple Grove Ave, Apt 4B, Springfield, IL 62704 now'), ['1427 Maple Grove Ave, Apt 4B, Springfield, IL 62704']);
  t.same(locations('Ship to 230 W 107th St, New York, NY 10025.'), ['230 W 107th St, New York, NY 10025']);
  t.same(locations('send it to 12 e 3rd ave apt 2, brooklyn ny 11215 thx'), ['12 e 3rd ave apt 2, brooklyn ny 11215'], 'typed without capitals');
});

t.test('UK, Irish, Canadian, Australian and Indian forms', async (t) => {
  t.same(locations('Address: 14 Milton Road, Oxford OX4 1BT\nTel'), ['14 Milton Road, Oxford OX4 1BT']);
  t.same(locations('Flat 3, 9 Leith Walk, Edinburgh EH6 8LN'), ['Flat 3, 9 Leith Walk, Edinburgh EH6 8LN'], 'unit written first');
  t.same(locations('2nd Floor, 40 Gracechurch, London EC3V 0BT'), ['2nd Floor, 40 Gracechurch, London EC3V 0BT'], 'no street-type word, UK postcode');
  t.same(locations('at 5 Harbour Terrace, Galway H91 E2K3.'), ['5 Harbour Terrace, Galway H91 E2K3'], 'Eircode');
  t.same(locations('1200 rue Peel, bureau 300, Montréal (Québec) H3B 2T6'), ['1200 rue Peel, bureau 300, Montréal (Québec) H3B 2T6']);
  t.same(locations('Unit 4, 18 Ocean Street, Manly NSW 2095'), ['Unit 4, 18 Ocean Street, Manly NSW 2095']);
  t.same(locations('No. 7/2 MG Road, Indiranagar, Bengaluru 560038'), ['7/2 MG Road, Indiranagar, Bengaluru 560038']);
  t.same(locations('c/o 22 Allen Avenue, Ikeja, Lagos\n'), ['22 Allen Avenue, Ikeja, Lagos'], 'place names ending the line');
});

t.test('continental forms: number after the street, postcode before the town', async (t) => {
  t.same(locations('wohnhaft Goethestraße 21, 60313 Frankfurt am Main'), ['Goethestraße 21, 60313 Frankfurt am Main'], 'a town joined by "am"');
  t.same(locations('wohnhaft Goethestraße 21, 60313 Frankfurt am 3. Mai'), ['Goethestraße 21, 60313 Frankfurt'], 'the town is read up to a lower-case word');
  t.same(locations('Lindenweg 4a\n12345 Neustadt'), ['Lindenweg 4a', '12345 Neustadt']);
  t.same(locations('Calle Mayor 10, 2º A, 28013 Madrid.'), ['Calle Mayor 10, 2º A, 28013 Madrid']);
  t.same(locations('Rua das Flores 55, 4050-262 Porto'), ['Rua das Flores 55, 4050-262 Porto']);
  t.same(locations('Via Roma 3, 10121 Torino'), ['Via Roma 3, 10121 Torino']);
  t.same(locations('12 avenue de la République, 75011 Paris'), ['12 avenue de la République, 75011 Paris']);
  t.same(locations('Kungsgatan 12, 111 43 Stockholm'), ['Kungsgatan 12, 111 43 Stockholm'], 'Swedish postcode');
  t.same(locations('Heliotek GmbH, Am Sandtorkai 41, 20457 Hamburg'), ['Am Sandtorkai 41, 20457 Hamburg'], 'German preposition street');
  t.same(locations('ul. Marszałkowska 84, 00-514 Warszawa'), ['ul. Marszałkowska 84, 00-514 Warszawa'], 'Polish street and postcode');
  t.same(locations('Address: Strada Lipscani 12, 030031 București'), ['Strada Lipscani 12, 030031 București'], 'Romanian six-digit postcode');
  t.same(locations('of 14 Awolowo Road, Ikoyi, Lagos, states that'), ['14 Awolowo Road, Ikoyi, Lagos'], 'place names before the sentence goes on');
  t.same(locations('to 9 Harcourt Street, Dublin 2, D02 W274. My'), ['9 Harcourt Street, Dublin 2, D02 W274'], 'postal district');
  t.same(locations('site (Waalhaven Oostzijde 85, 3087 BM Rotterdam)'), ['Waalhaven Oostzijde 85, 3087 BM Rotterdam'], 'no type word, Dutch postcode');
  t.same(locations('oficina de Av. Larco 1150, Miraflores, Lima 15074. Si'), ['Av. Larco 1150, Miraflores, Lima 15074'], 'district and city before the postcode');
  t.same(locations('Chapter 3, 1984 Edition'), [], 'a year is no postcode');
  t.same(locations('Address: Bağdat Caddesi 211, 34728 Kadıköy/İstanbul'), ['Bağdat Caddesi 211, 34728 Kadıköy/İstanbul']);
  t.same(locations('Donor: H. Ellingham of Rose Cottage, 3 Mill Lane, Ambleside LA22 9DU'), ['Rose Cottage, 3 Mill Lane, Ambleside LA22 9DU'], 'house name first');
  t.same(locations('Forwarding address: Vinohradská 112, 130 00 Praha 3\nEmail'), ['Vinohradská 112, 130 00 Praha 3'], 'Czech postcode and district');
  t.same(locations('für die Wohnung Mariahilfer Straße 45/12, 1060 Wien.'), ['Mariahilfer Straße 45/12, 1060 Wien'], 'a noun before the street stays out');
});

t.test('look-alikes are not addresses', async (t) => {
  t.same(locations('We watched 12 Angry Men and 3 Idiots.'), []);
  t.same(locations('Via 3 routes, we got there.'), [], 'a type word without a name and postcode');
  t.same(locations('During 2024 sales grew; Spring 5 release notes.'), []);
  t.same(locations('Took 2 Advil at 10 pm, BP 120/80, Room 4112.'), []);
  t.same(locations('Heidelberg. Tel. +49 6221 5550187'), []);
});

t.test('Welsh, Irish, Dutch, Belgian and German forms written by hand', async (t) => {
  t.same(locations('Post it to 3 Heol yr Ysgol, Pontypridd CF37 4DB please'), ['3 Heol yr Ysgol, Pontypridd CF37 4DB'], 'Welsh particle in the street');
  t.same(locations('Address: 7 Ashgrove Park, Ballincollig, Co. Cork P31 K2W9'), ['7 Ashgrove Park, Ballincollig, Co. Cork P31 K2W9'], 'Irish county and Eircode');
  t.same(locations('Office: 15 Harcourt Street, Dublin 2. Open 9-5.'), ['15 Harcourt Street, Dublin 2'], 'postal district before a full stop');
  t.same(locations('nieuw adres: Van Baerlestraat 41-3, 1071 AR Amsterdam'), ['Van Baerlestraat 41-3, 1071 AR Amsterdam'], 'prefix word of a compound street');
  t.same(locations('Keizersgracht 210-II, 1016 DZ Amsterdam'), ['Keizersgracht 210-II, 1016 DZ Amsterdam'], 'floor suffix');
  t.same(locations('Rue Royale 12, bte 4\n1000 Bruxelles'), ['Rue Royale 12, bte 4', '1000 Bruxelles'], 'Belgian box number');
  t.same(locations('Lieferadresse: Berliner Str. 88, 10713 Berlin'), ['Berliner Str. 88, 10713 Berlin'], 'abbreviated Straße after an adjective');
  t.same(locations('billing: 5 rue du Port, 44000 Nantes, France'), ['5 rue du Port, 44000 Nantes, France'], 'a country closes the address');
  t.same(locations('1 Market St, Landmark Building, Suite 300, San Francisco, CA 94105'), ['1 Market St, Landmark Building, Suite 300, San Francisco, CA 94105'], 'a building between street and suite');
  // Street words that are also park and place names need a locality after them.
  t.same(locations('Final score: Rovers 2-1 Stanley Park United'), []);
  t.same(locations('Table: 4 Stanley Park Utd 30 19'), []);
});

t.test('New Zealand addresses end in a town and a four-digit postcode', async (t) => {
  t.same(locations('Address: 45 Kowhai Street, Whangarei 0110'), ['45 Kowhai Street, Whangarei 0110']);
  t.same(locations('Clinic: 210 Bond Road, Te Awamutu 3800'), ['210 Bond Road, Te Awamutu 3800']);
  t.same(locations('Page 12, Chapter 2019'), [], 'no street, no address');
});

t.test('addresses over several lines, with separators, provinces and units', async (t) => {
  t.same(locations('Address: Flat 3, Millbrook House\n         19 Tannery Lane\n         Kendal\n         LA9 4PX\nContact'),
    ['Flat 3, Millbrook House', '19 Tannery Lane', 'Kendal', 'LA9 4PX'], 'each line of the block, one entity per line');
  t.same(locations('Home address:\n  1207-85 Bloor St E\n  Toronto ON  M4W 3Y1\nPhone'), ['1207-85 Bloor St E', 'Toronto ON  M4W 3Y1'], 'Canadian province and postcode');
  t.same(locations('Brückner GmbH · Kaiserstraße 88 · 60329 Frankfurt am Main'), ['Kaiserstraße 88 · 60329 Frankfurt am Main'], 'letter-head separators');
  t.same(locations('Domicilio: Calle Zamudio 14, 2º izq., 48001 Bilbao (Bizkaia)'), ['Calle Zamudio 14, 2º izq., 48001 Bilbao (Bizkaia)'], 'province after the town');
  t.same(locations('Loyer — 9 rue de Hollerich, L-1741 Luxembourg'), ['9 rue de Hollerich, L-1741 Luxembourg'], 'country letter before the postcode');
  t.same(locations('Mietobjekt: Schweizer Straße 31, 3. OG links · Mieternummer 44'), ['Schweizer Straße 31, 3. OG links'], 'German floor');
  t.same(locations('Unit 4, Brookfield Works, 27 Mill Lane, Leeds LS12 6BQ'), ['Unit 4, Brookfield Works, 27 Mill Lane, Leeds LS12 6BQ'], 'unit and building before the number');
  t.same(locations('situé 12 quai Perrache, appt 34, 69002 Lyon le 30 juin'), ['12 quai Perrache, appt 34, 69002 Lyon']);
  t.same(locations('Locker: MAN-117 Piccadilly Gardens (Tesco Express)'), [], 'a locker code');
});

t.test('the minutes of a time are no house number', async (t) => {
  t.same(locations('14:00 Dr Haldane phoned re bloods'), []);
});

t.test('Portuguese, Polish, Flemish, Austrian and Canadian forms', async (t) => {
  t.same(locations('Morada: Rua Dr. António José de Almeida 112, 3.º Esq., 4200-071 Porto'), ['Rua Dr. António José de Almeida 112, 3.º Esq., 4200-071 Porto']);
  t.same(locations('Adres: ul. Piotrkowska 203 m. 15, 90-451 Łódź.'), ['ul. Piotrkowska 203 m. 15, 90-451 Łódź']);
  t.same(locations('Frankrijklei 96, 2000 Antwerpen – T 03 226 41 80'), ['Frankrijklei 96, 2000 Antwerpen']);
  t.same(locations('wohnhaft Wiener Straße 118/2/7, 4020 Linz'), ['Wiener Straße 118/2/7, 4020 Linz']);
  t.same(locations('Address: 12 - 4480 Arbutus Pl, Surrey, BC V3S 2K9'), ['12 - 4480 Arbutus Pl, Surrey, BC V3S 2K9']);
  t.same(locations('con domicilio en calle Feria 74, 3º izquierda, 41003 Sevilla, nacida'), ['calle Feria 74, 3º izquierda, 41003 Sevilla']);
  t.same(locations('Property: 47 Grove Park, Rathmines, Dublin 6 (3 bed)'), ['47 Grove Park, Rathmines, Dublin 6']);
  t.same(locations('demeurant 41 avenue Pasteur. Né à Agen'), ['41 avenue Pasteur'], 'a full stop ends the street');
});

t.test('more unit and street forms', async (t) => {
  t.same(locations('Via Nazionale 58, int. 4\n80143 Napoli'), ['Via Nazionale 58, int. 4', '80143 Napoli'], 'Italian interno');
  t.same(locations('1550 Market Street, 18th Floor, Philadelphia, PA 19102'), ['1550 Market Street, 18th Floor, Philadelphia, PA 19102']);
  t.same(locations('Subject Property: 118 Ridgeview Trace, Stockbridge, GA 30281'), ['118 Ridgeview Trace, Stockbridge, GA 30281']);
  t.same(locations('Facharzt\nSeckenheimer Landstr. 190\n68239 Mannheim'), ['Seckenheimer Landstr. 190', '68239 Mannheim'], 'place adjective before a compound');
  t.same(locations('new address: flat 3, 7 Ogunlana Drive, Surulere, Lagos'), ['flat 3, 7 Ogunlana Drive, Surulere, Lagos']);
});

t.test('units and floors: suites after a parkway, lots, capitals, Danish sides, Italian floors, Spanish doors', async (t) => {
  t.same(locations('Appt on Thu 10/17 at 2:40 PM, 1150 Ridgeview Pkwy Ste 210, Plano, TX 75024. Reply C'), ['1150 Ridgeview Pkwy Ste 210, Plano, TX 75024'],
    'the street type ends its word: not a street called "Pkwy St"');
  t.same(locations('Address: 6 Tamarack Lane, Lot 22, Bemidji, MN 56601'), ['6 Tamarack Lane, Lot 22, Bemidji, MN 56601']);
  t.same(locations("5. PATIENT'S ADDRESS: 415 PINE HOLLOW RD APT 12, NASHUA, NH 03062   TELEPHONE"), ['415 PINE HOLLOW RD APT 12, NASHUA, NH 03062']);
  t.same(locations('Domicilio: Avda. del Puerto, 117, pta. 9, 46023 Valencia'), ['Avda. del Puerto, 117, pta. 9, 46023 Valencia']);
  t.same(locations('Frederik Holm, Åboulevarden 48, 3. th., 8000 Aarhus C, født 1991'), ['Åboulevarden 48, 3. th., 8000 Aarhus']);
  t.same(locations("l'unità immobiliare sita in Bari, Via Nicolò dell'Arca 27, piano 2°, int. 5, composta da"), ["Via Nicolò dell'Arca 27, piano 2°, int. 5"],
    'a flat after the house number makes a type-first street an address without a town');
  t.same(locations('Storgata 12, 0184 Oslo'), ['Storgata 12, 0184 Oslo']);
  t.same(locations('Via Appia 2 is a long walk'), [], 'without a unit or a town it stays unclaimed');
});

t.test('Finnish stairs and flats, Swedish flats, Finnish street compounds', async (t) => {
  t.same(locations('Osoite: Tapiolantie 3 C 21, 02100 Espoo'), ['Tapiolantie 3 C 21, 02100 Espoo']);
  t.same(locations('Hämeenkatu 22 B 14, 33200 Tampere'), ['Hämeenkatu 22 B 14, 33200 Tampere']);
  t.same(locations('Adress: Rönnbergagatan 7 lgh 1102, 723 46 Västerås'), ['Rönnbergagatan 7 lgh 1102, 723 46 Västerås']);
  t.same(locations('Lindenweg 4a\n12345 Neustadt'), ['Lindenweg 4a', '12345 Neustadt'], 'a house letter still joins its number');
});

t.test('Catalan, Belgian, Italian, Danish and Dutch forms: floors and doors, stairs, "bis", towns with "in"', async (t) => {
  t.same(locations('domiciliada al carrer Major, 45, 1r 2a, 17820 Banyoles, telèfon'), ['carrer Major, 45, 1r 2a, 17820 Banyoles']);
  t.same(locations('domicilié Chaussée de Haecht 512, 1030 Schaerbeek, ci-après'), ['Chaussée de Haecht 512, 1030 Schaerbeek']);
  t.same(locations('consegnata in Via dei Mille 7, scala B, int. 9, 00185 Roma.'), ['Via dei Mille 7, scala B, int. 9, 00185 Roma']);
  t.same(locations('Holm Revision ApS · Vestergade 18, 1. sal · 5000 Odense C'), ['Vestergade 18, 1. sal · 5000 Odense']);
  t.same(locations('Hotel Goldener Hirsch · Möserer Straße 12, 6100 Seefeld in Tirol · +43'), ['Möserer Straße 12, 6100 Seefeld in Tirol']);
  t.same(locations('Woonadres: Oudegracht 331 bis, 3511 PD Utrecht'), ['Oudegracht 331 bis, 3511 PD Utrecht']);
  t.same(locations('Adres: Biltstraat 212bis, 3572 BS Utrecht'), ['Biltstraat 212bis, 3572 BS Utrecht']);
});

t.test('Polish housing estates', async (t) => {
  t.same(locations('adres: os. Złotej Jesieni 8/21, 31-826 Kraków'), ['os. Złotej Jesieni 8/21, 31-826 Kraków']);
});
