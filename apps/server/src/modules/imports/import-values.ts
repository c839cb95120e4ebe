import { maskEmail, maskIdNumber, maskMobile } from '../../platform/crypto/masking.ts';
import { DomainError, fieldProblem, rule, type FieldProblem } from '../../platform/errors.ts';

/** A problem with one field of one row, thrown by the row handlers' value parsers. */
export const rowFieldError = (field: string, problem: FieldProblem, code: ConstructorParameters<typeof DomainError>[0] = 'VALIDATION_FAILED') =>
  new DomainError(code, problem.message, [{ ...fieldProblem(field, problem), code }]);

/**
 * Masks a cell value for the error report by the field it was mapped to, so that no full ID
 * number, mobile, e-mail, address or name is ever stored in an error row.
 */
export function maskImportValue(field: string | null, value: string | null): string | null {
  if (value === null || value === '' || field === null) return value;
  if (/idnumber$/i.test(field)) return maskIdNumber(value);
  if (field === 'mobile' || field === 'landline') return maskMobile(value);
  if (field === 'email') return maskEmail(value);
  if (field === 'name' || field === 'wechatId') return `${[...value][0] ?? ''}${'*'.repeat(Math.max(1, [...value].length - 1))}`;
  if (field === 'address') return `${[...value].slice(0, 3).join('')}***`;
  if (field === 'birthDate') return `${value.slice(0, 4)}-**-**`;
  // Beneficiaries and any other free cell may carry ID numbers or mobiles: mask every long digit run.
  if (field === 'beneficiaries' || /\d{11}/.test(value)) return maskDigitRuns(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  if (field.startsWith('attributes.')) return value.length > 2 ? `${value.slice(0, 1)}***` : '***';
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

/** Keeps the first 3 and last 2 characters of each run of 11 or more digits (ID numbers, mobiles). */
const maskDigitRuns = (value: string) => value.replace(/\d{11,}[\dXx]?/g, (run) => `${run.slice(0, 3)}${'*'.repeat(run.length - 5)}${run.slice(-2)}`);

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Full-width ASCII (１２３，ＡＢＣ) to half-width, and the ideographic space to a space. */
export const toHalfWidth = (value: string) => value.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim();

/** Parses a date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or YYYY年M月D日 to YYYY-MM-DD. */
export function parseImportDate(field: string, raw: string): string {
  const value = toHalfWidth(raw);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
  }
  throw rowFieldError(field, rule('invalid_date', 'not a date (use YYYY-MM-DD)'));
}

/** Parses an amount in yuan (元, up to 2 decimals, thousands separators allowed) to integer fen. */
export function parseYuanToFen(field: string, raw: string): number {
  const value = toHalfWidth(raw).replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw rowFieldError(field, rule('not_yuan_amount', 'not an amount in yuan (e.g. 1234.50)'));
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Maps a cell to one of `options` by the option itself (case-insensitive) or one of its synonyms. */
export function parseChoice<T extends string>(field: string, raw: string, options: Record<T, readonly string[]>): T {
  const value = toHalfWidth(raw).toLowerCase();
  for (const [option, synonyms] of Object.entries(options) as [T, readonly string[]][]) {
    if (option.toLowerCase() === value || synonyms.some((s) => s.toLowerCase() === value)) return option;
  }
  throw rowFieldError(field, rule('not_one_of', `not one of: ${Object.keys(options).join(', ')}`, { values: Object.keys(options).join(', ') }));
}

/** Collects the problems of a row's fields, so that one DomainError reports them all. */
export function rowProblems() {
  const problems: DomainError[] = [];
  return {
    add: (problem: DomainError) => problems.push(problem),
    /** The value `work` gives, or undefined with its DomainError kept. */
    async collect<T>(work: () => Promise<T> | T): Promise<T | undefined> {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(error);
        return undefined;
      }
    },
    /** Throws one DomainError carrying every problem kept, if there is one. */
    throwIfAny() {
      if (problems.length > 0) throw new DomainError(problems[0]!.code, problems.map((p) => p.message).join('; '), problems.flatMap((p) => p.errors));
    },
  };
}
