import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useLabels } from '../i18n/labels.ts';

/**
 * Shows a failed request: the translated meaning of its code as the title, the field errors in the
 * reader's words and the request id (for support) below. The server's `detail` is English: it is
 * shown only to a reader of English (the title says the same in Chinese). `plain` (the customer
 * portal) leaves out the API's field names.
 */
export function ProblemAlert({ error, testId, style, plain = false }: { error: unknown; testId?: string; style?: React.CSSProperties; plain?: boolean }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  if (!error) return null;
  const api = isApiError(error) ? error : undefined;
  const showDetail = !!api?.detail && api.fieldErrors.length === 0 && i18n.language.startsWith('en');
  const description =
    api && (showDetail || api.fieldErrors.length > 0 || api.requestId) ? (
      <div>
        {showDetail && <div>{api.detail}</div>}
        {api.fieldErrors.length > 0 &&
          (plain || api.fieldErrors.every((fe) => /^body(\.action)?$/.test(fe.field)) ? (
            api.fieldErrors.map((fe) => <div key={`${fe.field}:${fe.message}`}>{labels.fieldProblem(fe)}</div>)
          ) : (
            <>
              <div>{t('errors.fieldErrors')}</div>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {api.fieldErrors.map((fe) => {
                  const field = fe.field.replace(/^(body|query|querystring|params)\.?/, '');
                  // A problem with the action or the request as a whole names no field.
                  const name = field === '' || field === 'action' ? null : t(`errors.fieldNames.${field}`, { defaultValue: '' }) || <code>{field}</code>;
                  return (
                    <li key={`${fe.field}:${fe.message}`}>
                      {name && <>{name}: </>}
                      {labels.fieldProblem(fe)}
                    </li>
                  );
                })}
              </ul>
            </>
          ))}
        {api.requestId && <div style={{ opacity: 0.6, fontSize: 12, marginTop: 4 }}>{t('errors.requestId', { id: api.requestId })}</div>}
      </div>
    ) : undefined;
  return <Alert type="error" showIcon title={labels.problemTitle(error)} description={description} data-testid={testId} style={style} />;
}
