import type { TSurveyQuestion } from '@anxin/contracts';
import { Button, Flex, Input, Radio, Space, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { CsatRate } from '../../../components/csat-rate.tsx';

/** NPS: 0–10, one large button each (wraps on a phone), with the meaning of both ends. */
function NpsScale({ value, onChange, locale }: { value?: number; onChange: (value: number) => void; locale: 'zh-CN' | 'en-US' }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(locale);
  return (
    <div>
      <Flex gap={6} wrap role="radiogroup">
        {Array.from({ length: 11 }, (_, n) => (
          <Button
            key={n}
            type={value === n ? 'primary' : 'default'}
            role="radio"
            aria-checked={value === n}
            onClick={() => onChange(n)}
            style={{ width: 44, height: 44, padding: 0 }}
            data-testid={`survey-nps-${n}`}
          >
            {n}
          </Button>
        ))}
      </Flex>
      <Flex justify="space-between" style={{ marginTop: 4, fontSize: 12 }}>
        <Typography.Text type="secondary">{t('publicSurvey.npsLow')}</Typography.Text>
        <Typography.Text type="secondary">{t('publicSurvey.npsHigh')}</Typography.Text>
      </Flex>
    </div>
  );
}

/** One question as the customer answers it: CSAT stars, the NPS scale, a text box or a single choice; `missing` marks an unanswered required one. */
export function SurveyQuestion({ question, locale, value, missing, onChange }: { question: TSurveyQuestion; locale: 'zh-CN' | 'en-US'; value: number | string | undefined; missing: boolean; onChange: (value: number | string) => void }) {
  // The survey's own language (a preview may differ from the console's), for its scale words too.
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(locale);
  const { token } = theme.useToken();
  const label = question.label[locale];
  return (
    <div data-testid={`survey-question-${question.key}`} data-kind={question.kind}>
      <Typography.Paragraph strong style={{ marginBottom: 8, fontSize: 15 }}>
        {question.required && <span style={{ color: token.colorError, marginInlineEnd: 4 }}>*</span>}
        {label}
      </Typography.Paragraph>
      {question.kind === 'csat' && (
        <div>
          <CsatRate value={typeof value === 'number' ? value : undefined} onChange={onChange} testIdPrefix="survey-csat-" ariaLabel={label} size={36} />
          <Flex justify="space-between" style={{ maxWidth: 230, fontSize: 12 }}>
            <Typography.Text type="secondary">{t('publicSurvey.csatLow')}</Typography.Text>
            <Typography.Text type="secondary">{t('publicSurvey.csatHigh')}</Typography.Text>
          </Flex>
        </div>
      )}
      {question.kind === 'nps' && <NpsScale value={typeof value === 'number' ? value : undefined} onChange={onChange} locale={locale} />}
      {question.kind === 'text' && (
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={typeof value === 'string' ? value : undefined}
          onChange={(e) => onChange(e.target.value)}
          placeholder={t('publicSurvey.textPlaceholder')}
          aria-label={label}
          data-testid={`survey-text-${question.key}`}
        />
      )}
      {question.kind === 'choice' && (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)} data-testid={`survey-choice-${question.key}`}>
          <Space orientation="vertical">
            {(question.options ?? []).map((o) => (
              <Radio key={o.value} value={o.value} data-testid={`survey-choice-${question.key}-${o.value}`}>
                {o.label[locale]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
      {missing && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }} data-testid={`survey-missing-${question.key}`}>
          {t('publicSurvey.answerRequired')}
        </Typography.Text>
      )}
    </div>
  );
}
