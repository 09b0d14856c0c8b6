import t from 'tap';
import { luhnValid, ssnValid, ibanValid, ipv4Valid, cardIssuerValid } from '../../lib/privacy/index.js';

t.test('luhn', async (t) => {
  t.ok(luhnValid('79927398713'), 'Wikipedia Luhn example');
  t.ok(luhnValid('4111111111111111'));
  t.notOk(luhnValid('4111111111111112'));
  t.notOk(luhnValid('1234567890123456'));
  t.notOk(luhnValid('4111-1111'), 'digits only');
});

t.test('card issuers', async (t) => {
  t.ok(cardIssuerValid('4111111111111111'), 'Visa 16');
  t.ok(cardIssuerValid('378282246310005'), 'Amex 15');
  t.ok(cardIssuerValid('5425233430109903'), 'Mastercard');
  t.notOk(cardIssuerValid('9780306406157'), 'ISBN-13 prefix 97 is no issuer');
  t.notOk(cardIssuerValid('37828224631000'), 'Amex must be 15 digits');
});

t.test('SSA rules', async (t) => {
  t.ok(ssnValid('536221987'));
  t.notOk(ssnValid('000123456'), 'area 000');
  t.notOk(ssnValid('666123456'), 'area 666');
  t.notOk(ssnValid('912123456'), 'area 9xx is ITIN');
  t.notOk(ssnValid('123006789'), 'group 00');
  t.notOk(ssnValid('123450000'), 'serial 0000');
  t.notOk(ssnValid('078051120'), 'Woolworth wallet number');
  t.notOk(ssnValid('12345678'), 'length');
});

t.test('IBAN mod 97', async (t) => {
  t.ok(ibanValid('GB82WEST12345698765432'), 'ISO 13616 example');
  t.ok(ibanValid('DE89370400440532013000'));
  t.notOk(ibanValid('GB82WEST12345698765433'), 'one digit changed');
  t.notOk(ibanValid('GB82WEST1234569876543'), 'wrong length for GB');
  t.notOk(ibanValid('ZZ82WEST12345698765432'), 'unknown country');
});

t.test('IPv4', async (t) => {
  t.ok(ipv4Valid('192.168.1.1'));
  t.ok(ipv4Valid('0.0.0.0'));
  t.notOk(ipv4Valid('256.1.1.1'));
  t.notOk(ipv4Valid('01.2.3.4'), 'leading zero');
  t.notOk(ipv4Valid('1.2.3'));
});
