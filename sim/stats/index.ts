export * from './online.ts';
export * from './quantiles.ts';
export * from './ci.ts';
export * from './queueing.ts';
export * from './multiple.ts';
export * from './kaplanMeier.ts';
