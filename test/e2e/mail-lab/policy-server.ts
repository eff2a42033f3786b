import { appendFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';

/** One answer the policy server gave, for the record. */
export interface PolicyDecision {
  readonly at: string;
  readonly triplet: string;
  readonly action: string;
}

export interface PolicyServer {
  readonly port: number;
  readonly decisions: readonly PolicyDecision[];
  close(): Promise<void>;
}

export interface PolicyOptions {
  /** Which requests take part in greylisting; the rest get DUNNO at once. */
  readonly greylists: (attrs: ReadonlyMap<string, string>) => boolean;
  /** Optional log file: one line per answer. */
  readonly logFile?: string;
}

/**
 * A tiny greylisting server speaking the Postfix SMTPD policy delegation protocol
 * (SMTPD_POLICY_README: `name=value` lines ended by an empty line; the reply is `action=...` and an
 * empty line; a connection may carry many requests). The first time it sees a (client address,
 * sender, recipient) triplet it answers `DEFER_IF_PERMIT greylisted`, afterwards `DUNNO`.
 */
export function startPolicyServer(port: number, opts: PolicyOptions): Promise<PolicyServer> {
  const seen = new Set<string>();
  const decisions: PolicyDecision[] = [];
  const sockets = new Set<Socket>();

  const decide = (attrs: Map<string, string>): string => {
    const triplet = [attrs.get('client_address'), attrs.get('sender'), attrs.get('recipient')].join('/');
    let action = 'DUNNO';
    if (attrs.get('request') === 'smtpd_access_policy' && opts.greylists(attrs) && !seen.has(triplet)) {
      seen.add(triplet);
      action = 'DEFER_IF_PERMIT greylisted';
    }
    const at = new Date().toISOString();
    decisions.push({ at, triplet, action });
    if (opts.logFile) appendFileSync(opts.logFile, `${at} policy: triplet=${triplet} action=${action}\n`);
    return action;
  };

  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.setEncoding('utf8');
    let buf = '';
    let attrs = new Map<string, string>();
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (line === '') {
          sock.write(`action=${decide(attrs)}\n\n`);
          attrs = new Map();
          continue;
        }
        const eq = line.indexOf('=');
        if (eq > 0) attrs.set(line.slice(0, eq), line.slice(eq + 1));
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port,
        decisions,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
