import { SafetyCertificateFilled } from '@ant-design/icons';
import type { TPublicSurvey, TSurveyQuestion } from '@anxin/contracts';
import { Button, Card, Flex, Layout, Result, Skeleton, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { useAnswerPublicSurvey, usePublicSurvey } from '../../../api/surveys.ts';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { useFormat } from '../../../format.ts';
import { SurveyQuestion } from '../components/survey-question.tsx';

type Answers = Record<string, number | string | undefined>;
/** Why the survey cannot be answered (from the survey's status or the server's error code). */
type Closed = 'SURVEY_NOT_FOUND' | 'SURVEY_EXPIRED' | 'SURVEY_ALREADY_ANSWERED';
const CLOSED_CODES: readonly string[] = ['SURVEY_NOT_FOUND', 'SURVEY_EXPIRED', 'SURVEY_ALREADY_ANSWERED'] satisfies Closed[];
const closedBy = (error: unknown): Closed | null => (isApiError(error) && CLOSED_CODES.includes(error.code) ? (error.code as Closed) : null);
const CLOSED_TEST_IDS: Record<Closed, string> = { SURVEY_NOT_FOUND: 'survey-not-found', SURVEY_EXPIRED: 'survey-expired', SURVEY_ALREADY_ANSWERED: 'survey-already-answered' };

function SurveyForm({ token, survey, onAnswered, onClosed }: { token: string; survey: TPublicSurvey; onAnswered: () => void; onClosed: (why: Closed) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const [answers, setAnswers] = useState<Answers>({});
  const [showMissing, setShowMissing] = useState(false);
  const answer = useAnswerPublicSurvey(token);
  const isMissing = (q: TSurveyQuestion) => {
    const value = answers[q.key];
    return q.required && (value === undefined || (typeof value === 'string' && value.trim() === ''));
  };

  const submit = () => {
    if (survey.questions.some(isMissing)) {
      setShowMissing(true);
      return;
    }
    const given = Object.fromEntries(
      Object.entries(answers).flatMap(([key, value]): [string, number | string][] => {
        if (value === undefined) return [];
        if (typeof value === 'string') return value.trim() ? [[key, value.trim()]] : [];
        return [[key, value]];
      }),
    );
    answer.mutate(
      { answers: given },
      {
        onSuccess: onAnswered,
        onError: (error) => {
          const why = closedBy(error);
          if (why) onClosed(why);
        },
      },
    );
  };

  return (
    <Card data-testid="survey-form">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('publicSurvey.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`publicSurvey.intro.${survey.context}`)}</Typography.Paragraph>
      <Flex vertical gap={24}>
        {survey.questions.map((q) => (
          <SurveyQuestion key={q.key} question={q} locale={locale} value={answers[q.key]} missing={showMissing && isMissing(q)} onChange={(value) => setAnswers((old) => ({ ...old, [q.key]: value }))} />
        ))}
        {answer.isError && !closedBy(answer.error) && <ProblemAlert error={answer.error} testId="survey-submit-error" />}
        <Button type="primary" size="large" block onClick={submit} loading={answer.isPending} data-testid="survey-submit">
          {t('publicSurvey.submit')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('publicSurvey.validUntil', { at: format.dateTimeLong(survey.expiresAt) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/**
 * The survey a customer opens from the link we sent (no login): the questions in their language,
 * big touch targets for phones; a thank-you once answered, or why the link no longer works.
 */
export function SurveyPublicPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { token: themeToken } = theme.useToken();
  const survey = usePublicSurvey(token);
  const [answered, setAnswered] = useState(false);
  const [closed, setClosed] = useState<Closed | null>(null);

  const title = t('publicSurvey.title');
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);

  const status = survey.data?.status;
  const why: Closed | null = closed ?? closedBy(survey.error) ?? (status === 'expired' ? 'SURVEY_EXPIRED' : status === 'answered' ? 'SURVEY_ALREADY_ANSWERED' : null);

  let content;
  if (answered)
    content = <Result status="success" title={t('publicSurvey.thanksTitle')} subTitle={t('publicSurvey.thanksBody')} data-testid="survey-thanks" />;
  else if (why)
    content = (
      <Result
        status={why === 'SURVEY_ALREADY_ANSWERED' ? 'success' : why === 'SURVEY_EXPIRED' ? 'warning' : '404'}
        title={t(`errors.${why}`)}
        subTitle={t('publicSurvey.help')}
        data-testid={CLOSED_TEST_IDS[why]}
        data-code={why}
      />
    );
  else if (survey.isError) content = <ProblemAlert error={survey.error} testId="survey-error" />;
  else if (survey.isPending) content = <Skeleton active data-testid="survey-loading" />;
  else content = <SurveyForm token={token} survey={survey.data} onAnswered={() => setAnswered(true)} onClosed={setClosed} />;

  return (
    <Layout style={{ minHeight: '100vh', background: themeToken.colorBgLayout }} data-testid="survey-public-page">
      <Layout.Header style={{ background: themeToken.colorBgContainer, borderBottom: `1px solid ${themeToken.colorBorderSecondary}`, padding: '0 12px', height: 52, lineHeight: '52px' }}>
        <Flex align="center" justify="space-between" style={{ maxWidth: 640, margin: '0 auto' }}>
          <Flex align="center" gap={8}>
            <SafetyCertificateFilled style={{ fontSize: 22, color: themeToken.colorPrimary }} />
            <Typography.Text strong>{t('portal.brand')}</Typography.Text>
          </Flex>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 12 }}>
        <div style={{ maxWidth: 640, margin: '0 auto' }}>{content}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', fontSize: 12, color: themeToken.colorTextSecondary, background: 'transparent' }}>{t('portal.footer')}</Layout.Footer>
    </Layout>
  );
}
