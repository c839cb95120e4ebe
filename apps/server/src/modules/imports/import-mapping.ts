import { IMPORT_FIELDS, IMPORT_REQUIRED_FIELDS, type TImportKind, type TImportMapping } from '@anxin/contracts';
import { DomainError, type RuledFieldError } from '../../platform/errors.ts';

/**
 * Header names recognised without a saved mapping, per target field: the English field name and the
 * Chinese headers common in insurers' and agencies' spreadsheets. Compared after normalising
 * (lower case, no spaces, underscores, hyphens or brackets).
 */
const HEADER_ALIASES: Record<TImportKind, Record<string, readonly string[]>> = {
  customers: {
    externalId: ['external_id', '外部编号', '外部id', '客户编号', '原系统编号', '客户号'],
    kind: ['客户类型', '类型', 'customer_type'],
    name: ['姓名', '客户姓名', '名称', '客户名称', 'full_name'],
    gender: ['性别', 'sex'],
    birthDate: ['birth_date', 'birthday', 'dob', '出生日期', '生日'],
    idNumber: ['id_number', 'id_no', '证件号码', '身份证号', '身份证号码', '证件号'],
    mobile: ['mobile_phone', 'phone', '手机', '手机号', '手机号码', '移动电话'],
    email: ['e_mail', '邮箱', '电子邮箱', '电子邮件'],
    address: ['地址', '联系地址', '通讯地址', '住址'],
    wechatId: ['wechat', '微信', '微信号'],
    landline: ['tel', 'telephone', '固话', '固定电话', '座机'],
    occupation: ['职业'],
    lifecycleStage: ['lifecycle', '客户阶段', '生命周期', '客户状态'],
    tier: ['客户等级', '等级', '客户级别'],
    orgUnitCode: ['org_unit', 'org_code', 'org_unit_code', '所属机构', '机构代码', '机构'],
    ownerAgentUsername: ['owner_agent', 'agent', 'agent_username', '业务员', '代理人', '归属业务员'],
  },
  relationships: {
    customerExternalId: ['customer_external_id', '客户外部编号', '客户编号'],
    customerIdNumber: ['customer_id_number', '客户证件号码', '客户身份证号'],
    relatedExternalId: ['related_external_id', '关系人外部编号', '关系人编号'],
    relatedIdNumber: ['related_id_number', '关系人证件号码', '关系人身份证号'],
    type: ['relationship', 'relationship_type', '关系', '关系类型'],
  },
  policies: {
    policyNo: ['policy_no', 'policy_number', '保单号', '保单号码'],
    productCode: ['product_code', 'product', '产品代码', '产品编码', '险种代码'],
    policyholderExternalId: ['policyholder_external_id', '投保人外部编号', '投保人编号'],
    policyholderIdNumber: ['policyholder_id_number', '投保人证件号码', '投保人身份证号'],
    insuredExternalId: ['insured_external_id', '被保险人外部编号', '被保人编号'],
    insuredIdNumber: ['insured_id_number', '被保险人证件号码', '被保险人身份证号', '被保人身份证号'],
    beneficiaries: ['受益人', '受益人及比例', 'beneficiary'],
    status: ['policy_status', '保单状态', '状态'],
    sumInsured: ['sum_insured', '保额', '保险金额'],
    premium: ['保费', '保险费'],
    frequency: ['payment_frequency', '缴费方式', '缴费频率', '交费方式', '缴费频次'],
    paymentMethod: ['payment_method', '付款方式', '支付方式', '扣款方式'],
    effectiveOn: ['effective_on', 'effective_date', 'start_date', '生效日期', '起保日期', '保险起期'],
    expiresOn: ['expires_on', 'expiry_date', 'end_date', '满期日期', '终止日期', '保险止期'],
    agentUsername: ['agent', 'agent_username', '业务员', '代理人'],
    orgUnitCode: ['org_unit', 'org_code', 'org_unit_code', '所属机构', '机构代码', '机构'],
  },
};

const normalise = (header: string) => header.toLowerCase().replace(/[\s_\-()（）[\]【】:：*]/g, '');

const ALIAS_INDEX: Record<TImportKind, Map<string, string>> = Object.fromEntries(
  (Object.keys(HEADER_ALIASES) as TImportKind[]).map((kind) => {
    const index = new Map<string, string>();
    for (const [field, aliases] of Object.entries(HEADER_ALIASES[kind])) {
      for (const name of [field, ...aliases]) index.set(normalise(name), field);
    }
    return [kind, index];
  }),
) as Record<TImportKind, Map<string, string>>;

/** Whether `field` is a target field of `kind` (custom attributes `attributes.<key>` for customers). */
export function isImportField(kind: TImportKind, field: string): boolean {
  if (kind === 'customers' && /^attributes\.[a-z][a-z0-9_]{0,62}$/i.test(field)) return true;
  return (IMPORT_FIELDS[kind] as readonly string[]).includes(field);
}

/**
 * The mapping to use for a file: the given mapping, else the source's saved mapping (for the headers
 * present), else the default by header name. Each field is taken by at most one column.
 */
export function suggestMapping(kind: TImportKind, headers: string[], saved?: TImportMapping): TImportMapping {
  const mapping: TImportMapping = {};
  const taken = new Set<string>();
  for (const header of headers) {
    const field = saved?.[header] ?? ALIAS_INDEX[kind].get(normalise(header));
    if (field && isImportField(kind, field) && !taken.has(field)) {
      mapping[header] = field;
      taken.add(field);
    }
  }
  return mapping;
}

/** Checks a mapping against the file's headers and the kind's fields; throws VALIDATION_FAILED naming each problem. */
export function assertValidMapping(kind: TImportKind, headers: string[], mapping: TImportMapping, fieldPath = 'body.mapping'): void {
  const problems: RuledFieldError[] = [];
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!headers.includes(column)) problems.push({ field: `${fieldPath}.${column}`, message: `the file has no column "${column}"`, rule: 'no_such_column', params: { column } });
    if (!isImportField(kind, field)) problems.push({ field: `${fieldPath}.${column}`, message: `"${field}" is not a ${kind} field`, rule: 'not_an_import_field', params: { field } });
    const other = seen.get(field);
    if (other !== undefined) problems.push({ field: `${fieldPath}.${column}`, message: `"${field}" is already mapped from column "${other}"`, rule: 'mapped_twice', params: { field, column: other } });
    seen.set(field, column);
  }
  for (const required of missingRequiredFields(kind, mapping)) {
    problems.push({ field: fieldPath, message: `no column is mapped to the required field "${required}"`, rule: 'required_field_unmapped', params: { field: required } });
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'the column mapping is not usable', problems);
}

/** Required fields of `kind` that no column maps to. */
export function missingRequiredFields(kind: TImportKind, mapping: TImportMapping): string[] {
  const mapped = new Set(Object.values(mapping));
  return IMPORT_REQUIRED_FIELDS[kind].filter((f) => !mapped.has(f));
}
