import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useLabels } from '../i18n/labels.ts';

/**
 * Shows a failed request: the translated meaning of its code as the title, the server's `detail`,
 * the field errors and the request id (for support) below.
 */
export function ProblemAlert({ error, testId, style }: { error: unknown; testId?: string; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (!error) return null;
  const api = isApiError(error) ? error : undefined;
  const description =
    api && (api.detail || api.fieldErrors.length > 0 || api.requestId) ? (
      <div>
        {api.detail && api.fieldErrors.length === 0 && <div>{api.detail}</div>}
        {api.fieldErrors.length > 0 && (
          <>
            <div>{t('errors.fieldErrors')}</div>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {api.fieldErrors.map((fe) => (
                <li key={`${fe.field}:${fe.message}`}>
                  <code>{fe.field.replace(/^(body|query|querystring|params)\./, '')}</code>: {labels.fieldProblem(fe)}
                </li>
              ))}
            </ul>
          </>
        )}
        {api.requestId && <div style={{ opacity: 0.6, fontSize: 12, marginTop: 4 }}>{t('errors.requestId', { id: api.requestId })}</div>}
      </div>
    ) : undefined;
  return <Alert type="error" showIcon title={labels.problemTitle(error)} description={description} data-testid={testId} style={style} />;
}
