import type { backupContract } from '../../../shared/api/contracts/backup';
import { actor, type Core, type DomainHandlers } from './helpers';

export function backupHandlers(core: Core): DomainHandlers<typeof backupContract> {
  const s = core.services;
  return {
    'backup.list': () => s.backup.list(),
    'backup.status': () => s.backup.status(),
    'backup.create': (_input, ctx) => s.backup.create('manual', actor(ctx)),
    'backup.restore': async (input, ctx) => {
      const requested = await s.backup.requestRestore(input.file, actor(ctx));
      core.emit('backup.restorePending', { file: requested.file });
      return requested;
    },
    'backup.cancelRestore': (_input, ctx) => s.backup.cancelRestore(actor(ctx)),
  };
}
