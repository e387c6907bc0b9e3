import { Alert, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

export function ComingSoon({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <>
      <Title order={2} mb="md">
        {title}
      </Title>
      <Alert color="gray" title={t('soon.title')} data-testid="coming-soon">
        {t('soon.body')}
      </Alert>
    </>
  );
}
