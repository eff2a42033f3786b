export { postfixFileSource, POSTFIX_CAPABILITIES, type PostfixFileSourceOptions } from './source.js';
export { classifyLine, classifyMessage, classifyWithOrigin } from './classify/classify.js';
export type * from './classify/events.js';
export { parseSyslogOrigin, isPostfixOrigin } from './classify/syslog.js';
export { createPostfixCorrelator, type CorrelatorOptions, type PostfixCorrelator } from './correlate/correlator.js';
export { prepareQuery, traceMatches, type PreparedQuery } from './scan/query.js';
