import type { CaseStore } from '../src/store/port.js';
import type { TriageService } from '../src/triage/service.js';

/** What every Slack entry point needs; built once in src/app.ts. */
export interface HandlerDeps {
  service: TriageService;
  store: CaseStore;
  /** The bot token, for downloading files shared in threads. */
  botToken: string;
  now: () => Date;
  /** Operational log: ids and error codes only, never message content. */
  log: (line: string) => void;
  fetch?: typeof fetch;
}
