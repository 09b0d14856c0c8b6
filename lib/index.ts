// lmforge's public API: re-exports only. Each area keeps its own index.
export { LmforgeError } from './errors.js';
export { version } from './version.js';
export * from './data/index.js';
export * from './privacy/index.js';
export * from './eval/index.js';
export * from './annotation/index.js';
export * from './model/index.js';
export * from './tensor/index.js';
export * from './tokenizer/index.js';
export * from './train/index.js';
