import type { Result } from '../core/evidence.js';
import type { CaseStore } from './port.js';
import { postgresCaseStore } from './postgres.js';
import { sqliteCaseStore } from './sqlite.js';
import { DEFAULT_STORE_URL, parseStoreUrl } from './url.js';

export interface StoreSettings {
  /** `sqlite:/path/cases.db` (default `sqlite:./.whereismail/cases.db`) or `postgres://...`. */
  url: string;
}

/** Opens the case store a URL names (config `store.url`, env WHEREISMAIL_STORE), migrating it. */
export async function openCaseStore(settings: Partial<StoreSettings> = {}, cwd: string = process.cwd()): Promise<Result<CaseStore>> {
  const where = parseStoreUrl(settings.url ?? DEFAULT_STORE_URL, cwd);
  if (!where.ok) return where;
  const loc = where.value;
  return loc.kind === 'sqlite'
    ? sqliteCaseStore({ path: loc.path })
    : postgresCaseStore({ connectionString: loc.connectionString, ...(loc.schema ? { schema: loc.schema } : {}) });
}
