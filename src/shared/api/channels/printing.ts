export const printingChannels = ['print.printers', 'print.receipt', 'print.test', 'print.openDrawer'] as const;
