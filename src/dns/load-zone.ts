import { readFileSync } from 'node:fs';
import { userError, type Result } from '../core/evidence.js';
import type { DnsResolver, ZoneData } from './resolver.js';
import { parseZoneFile } from './zone-file.js';
import { zoneFileResolver } from './zone-resolver.js';

/** Reads and parses a zone file from disk (the I/O edge of `parseZoneFile`). */
export function loadZoneFile(path: string): Result<ZoneData> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return userError('zone-file-unreadable', `cannot read the zone file ${path} (${code}): check the path`);
  }
  return parseZoneFile(text);
}

/** A resolver answering only from the zone file at `path`. */
export function loadZoneResolver(path: string): Result<DnsResolver> {
  const zone = loadZoneFile(path);
  return zone.ok ? { ok: true, value: zoneFileResolver(zone.value) } : zone;
}
