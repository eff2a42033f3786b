import type { Capabilities, LogQuery, SourceCoverage, Trace } from './model.js';

/** Events a source yields while it searches: traces as they complete, progress, and its coverage last. */
export type SearchEvent =
  | { type: 'trace'; trace: Trace }
  | { type: 'progress'; source: string; file: string; bytesRead: number; bytesTotal: number }
  | { type: 'coverage'; coverage: SourceCoverage };

export interface SearchOptions {
  /** Stop early (Ctrl-C, Slack request cancelled). */
  signal?: AbortSignal;
  /** The clock, for inferring the year of syslog timestamps in files without a modification time. */
  now?: Date;
}

/**
 * The log-search port. One driver per source kind (postfix-file, dovecot-file, exim-file; later
 * journald, OpenSearch, Microsoft 365...). Every driver passes test/contract/log-source.test.ts.
 *
 * `search` never throws for bad data: unreadable files and non-log lines are reported in the
 * coverage's `problems`. It yields exactly one `coverage` event, last.
 */
export interface LogSource {
  /** Unique, human-readable: `postfix:/var/log/mail.log`. */
  readonly name: string;
  readonly kind: 'postfix' | 'dovecot' | 'exim';
  /** Which side of the conversation this source's logs belong to, when configured. */
  readonly side?: 'recipient' | 'sender';
  /** What this source can search by. A query on a field it cannot search is answered from the rest. */
  readonly capabilities: Capabilities;
  search(query: LogQuery, opts?: SearchOptions): AsyncIterable<SearchEvent>;
}
