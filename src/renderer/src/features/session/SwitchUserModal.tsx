import { Modal } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { LoginForm } from './LoginForm';

/** Hand the till to someone else. */
export function SwitchUserModal(props: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={props.onClose} title={t('session.switch')}>
      <LoginForm onDone={props.onClose} />
    </Modal>
  );
}
