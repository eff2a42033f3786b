import { isAbsolute, resolve } from 'node:path';
import { ok, userError, type Result } from '../core/evidence.js';

/** The default store: a SQLite file under the working directory. */
export const DEFAULT_STORE_URL = 'sqlite:./.whereismail/cases.db';

export type StoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; schema?: string };

/** The scheme of a store URL, for messages: never the rest, which may hold a password. */
const schemeOf = (url: string): string => /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? url.slice(0, 12);

/**
 * Where a store URL points. `sqlite:/abs/cases.db`, `sqlite:./rel/cases.db` (from `cwd`), `sqlite:///abs`,
 * `sqlite::memory:`; `postgres://user@host:5432/db?schema=name` (or `postgresql://`; `schema` is whereismail's,
 * removed before the string reaches the driver). Pure.
 */
export function parseStoreUrl(url: string, cwd: string): Result<StoreLocation> {
  const u = url.trim();
  if (/^sqlite:/i.test(u)) {
    let rest = u.slice('sqlite:'.length);
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (rest === '') return userError('store-config', 'store URL sqlite: has no path: write sqlite:./.whereismail/cases.db or sqlite:/var/lib/whereismail/cases.db');
    if (rest === ':memory:') return ok({ kind: 'sqlite', path: ':memory:' });
    return ok({ kind: 'sqlite', path: isAbsolute(rest) ? rest : resolve(cwd, rest) });
  }
  if (/^postgres(ql)?:\/\//i.test(u)) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      return userError('store-config', `store URL ${schemeOf(u)}//... is not a valid URL: write postgres://user@host:5432/database`);
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return ok({ kind: 'postgres', connectionString: parsed.toString(), ...(schema ? { schema } : {}) });
  }
  return userError(
    'store-config',
    `store URL must start with sqlite: or postgres:// (it starts with ${JSON.stringify(schemeOf(u))}): e.g. ${DEFAULT_STORE_URL} or postgres://whereismail@db.example:5432/whereismail`,
  );
}

/** For the configuration schema: whether a URL names a store (no I/O). */
export const isStoreUrl = (url: string): boolean => parseStoreUrl(url, '/').ok;
