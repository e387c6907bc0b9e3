export { createDemoShop, type DemoOptions, type DemoSummary } from './shop';
export { DEMO_CATEGORIES, DEMO_SUPPLIERS } from './catalogue';
