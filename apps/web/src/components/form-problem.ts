import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiErrorCode } from '../api/client.ts';
import { useLabels } from '../i18n/labels.ts';

type FieldName = (string | number)[];

/** `body.licence.validTo` → ['licence', 'validTo']. */
export function fieldNameOf(path: string): FieldName {
  const parts = path.split('.').filter(Boolean);
  if (['body', 'query', 'params'].includes(parts[0] ?? '')) parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

interface FormProblemOptions {
  /** Dotted names of the form's fields (`licence.number`); server field errors on them show inline. */
  fields: readonly string[];
  /** Error codes that belong to one field (e.g. AUTH_WRONG_PASSWORD → currentPassword). */
  codeFields?: Partial<Record<ApiErrorCode, string>>;
  /** Maps a server field path to the form's name for it (e.g. `amountClaimedFen` → `amountClaimed` typed in yuan). */
  rename?: (path: string) => string;
}

/**
 * Puts a failed submission's problems where the user looks: field errors under their fields, the
 * rest in an alert above the form. Returns the error to show in that alert (or null).
 */
export function useFormProblem<T>(form: FormInstance<T>, options: FormProblemOptions) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [alertError, setAlertError] = useState<unknown>(null);

  const report = (error: unknown) => {
    if (!isApiError(error)) {
      setAlertError(error);
      return;
    }
    const inline: { name: FieldName; errors: string[] }[] = [];
    let unmatched = 0;
    for (const fieldError of error.fieldErrors) {
      const name = fieldNameOf(options.rename ? options.rename(fieldNameOf(fieldError.field).join('.')) : fieldError.field);
      if (options.fields.includes(name.join('.'))) inline.push({ name, errors: [labels.fieldProblem(fieldError)] });
      else unmatched++;
    }
    const codeField = options.codeFields?.[error.code];
    if (codeField) inline.push({ name: fieldNameOf(codeField), errors: [t(`errors.${error.code}`)] });
    if (inline.length > 0) form.setFields(inline as Parameters<FormInstance<T>['setFields']>[0]);
    setAlertError(inline.length > 0 && unmatched === 0 ? null : error);
  };

  return { alertError, report, clear: () => setAlertError(null) };
}
