export { eximFileSource, EXIM_CAPABILITIES, type EximFileSourceOptions } from './source.js';
export { parseEximLine, isEximId } from './parse-line.js';
export { createEximCorrelator, type EximCorrelator, type Emitted, type SourcedLine } from './correlate.js';
export { RECIPIENTS_NOT_LOGGED } from './build-trace.js';
export type * from './types.js';
