import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { LoginForm } from './LoginForm';

/** The locked till: at start once anybody has a PIN, after Lock, or when main says it is locked. */
export function LockScreen() {
  const { t } = useI18n();
  const { settings } = useShop();
  return (
    <Center h="100vh" bg="gray.1">
      <Paper shadow="sm" p="xl" w={380} withBorder data-testid="lock-screen">
        <Stack>
          <div>
            <Title order={3} c="teal.7">
              Shelfcast
            </Title>
            <Text c="dimmed">{settings.shopName}</Text>
          </div>
          <Text fw={500}>{t('session.lockedTitle')}</Text>
          <LoginForm />
        </Stack>
      </Paper>
    </Center>
  );
}
