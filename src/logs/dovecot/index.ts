export { dovecotFileSource, type DovecotFileSourceOptions } from './source.js';
export { parseDovecotLine, type DovecotEvent, type DovecotLineResult, type MailLogEventName, type MessageFields, type ParsedDovecotLine } from './parse-line.js';
export { parseDovecotPrefix, type DovecotLevel, type DovecotPrefix } from './line-prefix.js';
export { createDovecotCorrelator, type CorrelatorOptions, type DovecotCorrelator, type MessageFacts } from './correlate.js';
export { DEFAULT_JUNK_FOLDERS, recordToTrace, type OutcomeOptions } from './outcome.js';
export { DOVECOT_CAPABILITIES, dovecotMatcher, inWindow, lineFilter, normalizeMessageId } from './query.js';
