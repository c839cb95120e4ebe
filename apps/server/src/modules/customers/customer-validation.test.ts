import { describe, expect, it } from 'vitest';
import { maskAddress, maskBankAccount, maskContactValue, maskLandline, maskWechat } from './customer-masking.ts';
import {
  ageOn,
  idNumberCheckDigit,
  namePinyin,
  normaliseContact,
  normaliseEmail,
  normaliseLandline,
  normaliseMobile,
  normaliseName,
  normaliseText,
  parseIdNumber,
  parseSocialCreditCode,
  socialCreditCheckChar,
} from './customer-validation.ts';

const TODAY = '2026-11-22';
const withCheck = (first17: string) => `${first17}${idNumberCheckDigit(first17)}`;

describe('parseIdNumber (GB 11643)', () => {
  it('accepts the standard’s worked example, whose check character is X', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
  });

  it('accepts a lower-case x, full-width digits and spaces, and normalises them', () => {
    expect(parseIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５ １９４９１２３１ ００２Ｘ', TODAY)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('derives birth date and gender from computed valid numbers', () => {
    const male = withCheck('33010619850312001'); // 17th digit 1: odd → male
    expect(parseIdNumber(male, TODAY)).toEqual({ ok: true, idNumber: male, birthDate: '1985-03-12', gender: 'male', regionCode: '330106' });
    const female = withCheck('44030520000229002'); // leap day, 17th digit 2 → female
    expect(parseIdNumber(female, TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29', gender: 'female', regionCode: '440305' });
  });

  it('rejects a wrong check digit', () => {
    const valid = withCheck('33010619850312001');
    const wrong = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    expect(parseIdNumber(wrong, TODAY)).toEqual({ ok: false, reason: { rule: 'id_number_check_digit', message: 'check digit does not match (GB 11643)' } });
  });

  it('rejects bad lengths and characters', () => {
    expect(parseIdNumber('3301061985031200', TODAY)).toMatchObject({ ok: false, reason: { rule: 'id_number_format', message: 'must be 18 characters: 17 digits and a digit or X' } });
    expect(parseIdNumber('33010619850312001A', TODAY)).toMatchObject({ ok: false });
    expect(parseIdNumber('X30106198503120011', TODAY)).toMatchObject({ ok: false });
  });

  it('rejects impossible and future birth dates', () => {
    expect(parseIdNumber(withCheck('33010619850230001'), TODAY)).toMatchObject({ ok: false, reason: { rule: 'id_number_birth_date', message: 'birth date (digits 7–14) is not a valid date' } });
    expect(parseIdNumber(withCheck('33010619011301001'), TODAY)).toMatchObject({ ok: false });
    expect(parseIdNumber(withCheck('33010620300101001'), TODAY)).toMatchObject({ ok: false, reason: { rule: 'id_number_birth_date', message: 'birth date (digits 7–14) is not a valid date' } });
    expect(parseIdNumber(withCheck('33010618990101001'), TODAY)).toMatchObject({ ok: false });
  });

  it('rejects unknown region codes and province-level codes', () => {
    expect(parseIdNumber(withCheck('99010619850312001'), TODAY)).toMatchObject({ ok: false, reason: { rule: 'id_number_region', message: 'region code (first 6 digits) is not a mainland administrative division' } });
    expect(parseIdNumber(withCheck('33000019850312001'), TODAY)).toMatchObject({ ok: false });
    expect(parseIdNumber(withCheck('81000019850312001'), TODAY)).toMatchObject({ ok: true });
  });

  it('never repeats digits of the number in a failure reason (masked values must not be completable)', () => {
    const bad = [withCheck('99010619850312001'), withCheck('33010619850230001'), withCheck('33010620300101001'), '3301061985031200', '330106198503120019'];
    for (const id of bad) {
      const result = parseIdNumber(id, TODAY);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (let i = 0; i + 6 <= id.length; i++) expect(result.reason.message).not.toContain(id.slice(i, i + 6));
      expect(JSON.stringify(result.reason)).not.toMatch(/\d{6}/);
    }
  });
});

describe('parseSocialCreditCode (GB 32100)', () => {
  it('accepts a code with the computed check character and rejects a wrong one', () => {
    const first17 = '91330106MA2KXXXX0'.replace(/X/g, '1');
    const code = `${first17}${socialCreditCheckChar(first17)}`;
    expect(parseSocialCreditCode(code.toLowerCase())).toEqual({ ok: true, code });
    const wrong = `${first17}${socialCreditCheckChar(first17) === '0' ? '1' : '0'}`;
    expect(parseSocialCreditCode(wrong)).toMatchObject({ ok: false });
    expect(parseSocialCreditCode('123')).toMatchObject({ ok: false });
  });
});

describe('text normalisation', () => {
  it('turns full-width characters half-width and collapses spaces', () => {
    expect(normaliseText('  ＡＢＣ　１２３   x ')).toBe('ABC 123 x');
    expect(normaliseName(' 张　 三 ')).toBe('张三');
    expect(normaliseName('Li  Lei')).toBe('Li Lei');
    expect(normaliseName('欧阳 Nana')).toBe('欧阳 Nana');
  });
});

describe('contacts', () => {
  it('normalises mobiles with prefixes, spaces and dashes', () => {
    for (const v of ['13812345678', '+86 138 1234 5678', '86-138-1234-5678', '0086 13812345678', '１３８１２３４５６７８', '(138)1234-5678']) expect(normaliseMobile(v), v).toBe('13812345678');
    for (const v of ['12812345678', '1381234567', '+1 13812345678', '138123456789']) expect(normaliseMobile(v), v).toBeNull();
  });

  it('normalises e-mails and landlines', () => {
    expect(normaliseEmail(' Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    expect(normaliseEmail('zhang@')).toBeNull();
    expect(normaliseEmail('a b@example.com')).toBeNull();
    expect(normaliseLandline('(0571) 8888 6666')).toBe('0571-88886666');
    expect(normaliseLandline('010-12345678-123')).toBe('010-12345678-123');
    expect(normaliseLandline('12345')).toBeNull();
  });

  it('gives a reason for each invalid channel value', () => {
    expect(normaliseContact('mobile', '123')).toMatchObject({ ok: false, reason: { rule: 'mobile_format' } });
    expect(normaliseContact('wechat', 'ab')).toMatchObject({ ok: false, reason: { rule: 'wechat_format' } });
    expect(normaliseContact('wechat', 'wx_zhang89')).toEqual({ ok: true, value: 'wx_zhang89', normalised: 'wx_zhang89' });
    expect(normaliseContact('address', '浙江省杭州市西湖区  文三路 90 号')).toEqual({ ok: true, value: '浙江省杭州市西湖区 文三路 90 号', normalised: '浙江省杭州市西湖区 文三路 90 号' });
  });

  it('masks every channel', () => {
    expect(maskContactValue('mobile', '13812345678')).toBe('138****5678');
    expect(maskContactValue('email', 'zhang.san@example.com')).toBe('z***@example.com');
    expect(maskAddress('浙江省杭州市西湖区文三路90号')).toBe('浙江省杭州市西湖区****');
    expect(maskAddress('广西壮族自治区南宁市青秀区民族大道1号')).toBe('广西壮族自治区南宁市青秀区****');
    expect(maskAddress('广东省东莞市南城街道鸿福路1号')).toBe('广东省东莞市****');
    expect(maskWechat('wx_zhang89')).toBe('wx****89');
    expect(maskLandline('0571-88886666')).toBe('0571-****6666');
    expect(maskBankAccount('6222021234567890123')).toBe('***************0123');
  });
});

describe('names and ages', () => {
  it('gives full pinyin and initials, with surname readings', () => {
    expect(namePinyin('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(namePinyin('曾小贤')).toEqual({ full: 'zengxiaoxian', initials: 'zxx' });
    expect(namePinyin('吕 Lei')).toEqual({ full: 'lvlei', initials: 'll' });
  });

  it('counts whole years', () => {
    expect(ageOn('1985-03-12', '2026-03-11')).toBe(40);
    expect(ageOn('1985-03-12', '2026-03-12')).toBe(41);
  });
});
