import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useFormProblem } from '../../../components/form-problem.ts';

/**
 * Like useFormProblem, and a MODEL_EXPRESSION_INVALID without field errors goes under the
 * expression field its detail names (the population when it mentions `where`, else the first one).
 */
export function useExpressionProblem<T>(form: FormInstance<T>, fields: readonly string[], expressionFields: readonly string[]) {
  const { t } = useTranslation();
  const problem = useFormProblem(form, { fields });
  const report = (error: unknown) => {
    if (isApiError(error) && error.code === 'MODEL_EXPRESSION_INVALID' && error.fieldErrors.length === 0 && expressionFields.length > 0) {
      const field = expressionFields.find((f) => f === 'where' && /\bwhere\b/i.test(error.detail)) ?? expressionFields.find((f) => f !== 'where') ?? expressionFields[0]!;
      const message = error.detail ? `${t('errors.MODEL_EXPRESSION_INVALID')}: ${error.detail}` : t('errors.MODEL_EXPRESSION_INVALID');
      form.setFields([{ name: field, errors: [message] }] as Parameters<FormInstance<T>['setFields']>[0]);
      problem.clear();
      return;
    }
    problem.report(error);
  };
  return { alertError: problem.alertError, report, clear: problem.clear };
}
