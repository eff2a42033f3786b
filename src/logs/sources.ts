import type { LogSourceSettings } from '../config.js';
import { detectLogKinds, type LogKind } from './detect.js';
import { dovecotFileSource } from './dovecot/index.js';
import { eximFileSource } from './exim/index.js';
import type { LogSource } from './port.js';
import { postfixFileSource } from './postfix/index.js';
import { LogReadError } from './read/errors.js';
import { orderOldestFirst, resolveLogFiles } from './read/files.js';
import { readLogLines } from './read/lines.js';

/** Lines looked at to tell which software wrote a file. */
const SAMPLE_LINES = 5_000;

export interface BuiltSources {
  sources: LogSource[];
  /** Files that could not be used, each naming the file and what to do. */
  problems: string[];
}

/** Turns configured (or command-line) log sources into drivers; `auto` looks at the lines to pick them. */
export async function buildLogSources(settings: readonly LogSourceSettings[], opts: { referenceTime?: Date } = {}): Promise<BuiltSources> {
  const sources: LogSource[] = [];
  const problems: string[] = [];
  for (const s of settings) {
    const resolved = await resolveLogFiles(s.paths, { expandRotations: s.expandRotations });
    problems.push(...resolved.problems);
    if (resolved.files.length === 0) continue;
    const files = (await orderOldestFirst(resolved.files, { zone: s.zone })).map((f) => f.path);
    let kinds: LogKind[];
    if (s.kind === 'auto') {
      const found = await sampleKinds(files);
      problems.push(...found.problems);
      kinds = [...found.kinds];
      if (kinds.length === 0 && found.problems.length === 0) {
        problems.push(`${files.join(', ')}: no Postfix, Dovecot or Exim lines in the first ${SAMPLE_LINES} lines: set the source's kind (postfix, dovecot, exim) if this is a mail log`);
      }
    } else {
      kinds = [s.kind];
    }
    for (const kind of kinds) {
      const base = { files, zone: s.zone, side: s.side, name: `${kind}:${s.name ?? files.at(-1)}`, ...(opts.referenceTime ? { referenceTime: opts.referenceTime } : {}) };
      sources.push(kind === 'postfix' ? postfixFileSource(base) : kind === 'dovecot' ? dovecotFileSource(base) : eximFileSource(base));
    }
  }
  return { sources, problems };
}

async function sampleKinds(files: string[]): Promise<{ kinds: Set<LogKind>; problems: string[] }> {
  const kinds = new Set<LogKind>();
  const problems: string[] = [];
  for (const file of files) {
    const sample: string[] = [];
    try {
      for await (const line of readLogLines(file)) {
        sample.push(line.text);
        if (sample.length >= SAMPLE_LINES) break;
      }
    } catch (e) {
      problems.push(e instanceof LogReadError ? e.userMessage : `${file}: cannot read (${String(e)})`);
      continue;
    }
    for (const k of detectLogKinds(sample)) kinds.add(k);
  }
  return { kinds, problems };
}
