export * from './stream.ts';
export * from './distributions.ts';
export * from './arrivals.ts';
