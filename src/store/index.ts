export type { CaseStore, CaseSummary, ListRecentOptions, StoreErrorCode } from './port.js';
export { CaseSummarySchema } from './port.js';
export { openCaseStore, type StoreSettings } from './open.js';
export { sqliteCaseStore, type SqliteStoreOptions } from './sqlite.js';
export { postgresCaseStore, DEFAULT_PG_SCHEMA, type PostgresStoreOptions } from './postgres.js';
export { DEFAULT_STORE_URL, parseStoreUrl, isStoreUrl, type StoreLocation } from './url.js';
export { LATEST_VERSION, MIGRATIONS, planMigrations, type Migration } from './migrations/index.js';
