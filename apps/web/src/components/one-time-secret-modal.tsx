import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../clipboard.ts';

interface OneTimeSecretModalProps {
  open: boolean;
  title: React.ReactNode;
  intro: React.ReactNode;
  secret: string;
  /** `initial-password` → the secret's element is `initial-password`, the close button `initial-password-close`. */
  testId: string;
  onClose: () => void;
}

/**
 * Shows a secret the server returns exactly once (an initial password, an API key). It cannot be
 * dismissed by accident: only the acknowledge button closes it.
 */
export function OneTimeSecretModal({ open, title, intro, secret, testId, onClose }: OneTimeSecretModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(secret)) void message.success(t('common.copied'));
    else void message.error(t('common.copyFailed'));
  };
  return (
    <Modal
      open={open}
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" data-testid={`${testId}-close`} onClick={onClose}>
          {t('oneTimeSecret.acknowledge')}
        </Button>
      }
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text
          code
          style={{ fontSize: 16, padding: '6px 10px', flex: 1, wordBreak: 'break-all', userSelect: 'all' }}
        >
          <span data-testid={testId}>{secret}</span>
        </Typography.Text>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('common.copy')}
        </Button>
      </Flex>
      <Alert type="warning" showIcon title={t('oneTimeSecret.notShownAgain')} />
    </Modal>
  );
}
