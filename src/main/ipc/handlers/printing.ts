import type { printingContract } from '../../../shared/api/contracts/printing';
import { actor, type Core, type DomainHandlers } from './helpers';

export function printingHandlers(core: Core): DomainHandlers<typeof printingContract> {
  const s = core.services;
  return {
    'print.printers': () => s.printing.printers(),
    'print.receipt': (input, ctx) => s.printing.receipt(input.receiptNo, { duplicate: input.duplicate }, actor(ctx)),
    'print.test': (input, ctx) => s.printing.test(input, actor(ctx)),
    'print.openDrawer': async (_input, ctx) => {
      await s.printing.openDrawer(actor(ctx));
      return { opened: true as const };
    },
  };
}
