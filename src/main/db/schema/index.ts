export * from './catalogue';
export * from './ledger';
export * from './forecast';
export * from './sales';
export * from './till';
export * from './purchasing';
export * from './counts';
export * from './sync';
