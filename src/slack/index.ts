/** Pure Block Kit builders for the whereismail Slack app: escaping, ids, limits, and one builder per message or view. */
export * from './action-ids.js';
export * from './escape.js';
export * from './limits.js';
export type * from './types.js';
export { analysisMessage } from './blocks/analysis-message.js';
export { appHome, threadLink, type AppHomeOptions, type CaseSummary } from './blocks/app-home.js';
export { foundModal, readFoundSubmission, FOUND_NOTE_MAX } from './blocks/found-modal.js';
export { errorsResponse, intakeModal, parseAddress, parseMessageId, validateIntake, type IntakeModalOptions, type IntakeValidation } from './blocks/intake-modal.js';
export { helpMessage, noticeMessage, notInChannelMessage } from './blocks/notices.js';
export { HOW_TO_GIVE_A_COPY, questionMessage } from './blocks/question-message.js';
export { rootMessage, statusWords } from './blocks/root-message.js';
export { searchProgressMessage, searchResultMessage } from './blocks/search-messages.js';
export { verdictMessage } from './blocks/verdict-message.js';
