export * from './loadSimjs.ts';
export * from './clock.ts';
