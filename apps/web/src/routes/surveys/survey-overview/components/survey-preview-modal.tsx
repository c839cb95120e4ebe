import type { TSurveyTemplate } from '@anxin/contracts';
import { Alert, Flex, Modal, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadLocale } from '../../../../i18n/index.ts';
import { SurveyQuestion } from '../../components/survey-question.tsx';

type Locale = 'zh-CN' | 'en-US';

/**
 * A survey template as the customer will see it, in either language: the questions can be tried
 * (nothing is sent or stored).
 */
export function SurveyPreviewModal({ template, onClose }: { template: TSurveyTemplate; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  return (
    <Modal open title={t('surveys.templates.previewTitle', { name: template.name })} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Flex vertical gap={16} data-testid="survey-preview">
        <Alert type="info" showIcon title={t('surveys.templates.previewHint')} />
        <Segmented<Locale>
          value={locale}
          // The other language's words (the scales' ends) load on first use, then the preview switches.
          onChange={(next) => void loadLocale(next).then(() => setLocale(next))}
          options={[
            { value: 'zh-CN', label: t('lang.zh-CN') },
            { value: 'en-US', label: t('lang.en-US') },
          ]}
          data-testid="survey-preview-locale"
        />
        {template.questions.map((q) => (
          <SurveyQuestion key={q.key} question={q} locale={locale} value={answers[q.key]} missing={false} onChange={(value) => setAnswers((old) => ({ ...old, [q.key]: value }))} />
        ))}
      </Flex>
    </Modal>
  );
}
