// Masking of customer personal data for responses: pure functions, unit-tested beside.
import { maskEmail, maskIdNumber, maskMobile } from '../../platform/crypto/masking.ts';
import type { ContactChannel } from './customer-validation.ts';

export { maskIdNumber };

/** Keeps an address up to its district or county (`浙江省杭州市西湖区****`), never the street. */
export function maskAddress(address: string): string {
  const district = /^.*?(?<!自治)[区县旗]/u.exec(address);
  if (district && district[0].length < address.length) return `${district[0]}****`;
  const city = /^.*?市/u.exec(address);
  if (city && city[0].length < address.length) return `${city[0]}****`;
  return `${address.slice(0, Math.min(6, Math.floor(address.length / 2)))}****`;
}

/** Keeps the first and last two characters of a WeChat id: `wx****89`. */
export function maskWechat(id: string): string {
  return id.length <= 4 ? '****' : `${id.slice(0, 2)}****${id.slice(-2)}`;
}

/** Keeps the area code and the last four digits of a landline: `0571-****6666`. */
export function maskLandline(landline: string): string {
  const [area, number] = landline.split('-');
  return number ? `${area}-****${number.slice(-4)}` : `****${landline.slice(-4)}`;
}

/** Masks a contact value for its channel. */
export function maskContactValue(channel: ContactChannel, value: string): string {
  switch (channel) {
    case 'mobile':
      return maskMobile(value) ?? '';
    case 'email':
      return maskEmail(value) ?? '';
    case 'address':
      return maskAddress(value);
    case 'wechat':
      return maskWechat(value);
    case 'landline':
      return maskLandline(value);
  }
}

/** Masks a bank account to its last four digits: `************1234`. */
export function maskBankAccount(account: string): string {
  return account.length <= 4 ? '****' : `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
}

/**
 * A person's name in ranked lists and exports: the family name and a star per further character
 * (`周*`, `欧**` for 欧阳修; at most three stars). Organisations' names are not personal data.
 */
export function maskCustomerName(name: string, kind: 'person' | 'organisation'): string {
  if (kind === 'organisation') return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

/** Health notes are never shown in part. */
export const MASKED_NOTES = '******';
