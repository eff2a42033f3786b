import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyMessage } from '../../../../src/logs/postfix/classify/classify.js';
import type { Peer, PostfixEvent } from '../../../../src/logs/postfix/classify/events.js';
import { parseCommandCounts, parseDelays, parsePeer, parseTlsFeatures, unbracket } from '../../../../src/logs/postfix/classify/fields.js';
import { MAILLOGS_DIR } from '../../../helpers/corpus.js';

const DIR = join(MAILLOGS_DIR, 'whyscream-postfix-grok-patterns/test');

interface Case {
  data: string;
  results: Record<string, unknown>;
}

/** Files the classifier deliberately returns null for, with why. */
const NOT_CLASSIFIED: Record<string, string> = {
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`anvil_000${n}`, 'anvil(8) rate statistics: no message, no client decision'])),
  ...Object.fromEntries([1, 2, 3, 4].map((n) => [`scache_000${n}`, 'scache(8) connection-cache statistics'])),
  master_0001: 'master(8) start-up: says nothing about mail',
  master_0002: 'master(8) shutdown',
  master_0003: 'master(8) reload',
  verify_0001: 'verify(8) cache clean-up statistics',
  verify_0002: 'verify(8) cache clean-up statistics',
  postscreen_0001: 'postscreen cache clean-up statistics',
  tlsproxy_0001: 'tlsproxy(8) connection bookkeeping for postscreen (no decision)',
  tlsproxy_0002: 'tlsproxy(8) connection bookkeeping for postscreen (no decision)',
  dnsblog_0001: "dnsblog(8) lookup result: postscreen's own DNSBL/reject lines carry the decision",
  dnsblog_0002: "dnsblog(8) lookup result: postscreen's own DNSBL/reject lines carry the decision",
  smtp_0003: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0004: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0015: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0016: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0035: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0036: 'TLS handshake summary: no queue id, nothing about a message',
  smtpd_0010: 'TLS handshake summary: no queue id, nothing about a message',
  smtpd_0037: 'TLS handshake summary: no queue id, nothing about a message',
  smtp_0005: 'connection attempt without queue id: the delivery line that follows repeats the reason',
  smtp_0007: 'connection attempt without queue id: the delivery line that follows repeats the reason',
  smtp_0025: 'connection attempt without queue id: the delivery line that follows repeats the reason',
  smtp_0027: 'certificate check without queue id: the delivery line that follows repeats the reason',
  smtp_0028: 'certificate check without queue id: the delivery line that follows repeats the reason',
  smtp_0029: 'TLS connect error without queue id: the delivery line that follows repeats the reason',
  smtp_0030: 'TLS connect error without queue id: the delivery line that follows repeats the reason',
  smtpd_0039: 'EHLO keyword filtering (configuration detail)',
};

/** Sub-patterns of a line (a field's value), tested through the field parsers. */
const SUB_PATTERN = /^(delays|relay|command_counter_data)_|^tls_features_00(0[7-9]|1\d)/;

const PROGRAM: Record<string, string> = { trivial_rewrite: 'trivial-rewrite', tls_features: 'smtp' };

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const peerOf = (e: PostfixEvent): (Peer & { service?: string }) | undefined => {
  switch (e.kind) {
    case 'delivery':
      return e.relay;
    case 'smtp-note':
      return e.remote;
    case 'session':
    case 'client':
    case 'reject':
    case 'postscreen':
    case 'postscreen-busy':
      return e.client;
    case 'check':
    case 'notice':
      return e.client;
    default:
      return undefined;
  }
};

/** Splits grok's postfix_keyvalue_data (`to=<a>, relay=x, ...` or `from=<a> to=<b> proto=P`) into pairs. */
function keyValues(s: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /([a-z_]+)=(<[^>]*>|[^ ,]*)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push([m[1]!, m[2]!]);
  return out;
}

function kvOf(e: PostfixEvent, key: string): string | undefined {
  const r = e as unknown as Record<string, unknown>;
  switch (key) {
    case 'to':
    case 'from':
    case 'helo':
    case 'proto':
      return r[key] === undefined ? undefined : str(r[key]);
    case 'orig_to':
      return str(r['origTo']);
    case 'relay':
      return str(r['relayRaw']);
    case 'conn_use':
      return str(r['connUse']);
    case 'client': {
      const c = (e.kind === 'client' ? e.client : undefined) ?? {};
      return `${c.host ?? ''}[${c.ip ?? 'unknown'}]`;
    }
    default:
      return r[key] === undefined ? undefined : str(r[key]);
  }
}

/** Maps one grok field to what the classifier produced. */
function fieldOf(e: PostfixEvent, name: string): string | undefined {
  const r = e as unknown as Record<string, unknown>;
  const p = peerOf(e);
  switch (name) {
    case 'postfix_queueid':
      return e.kind === 'reject' && e.queueId === undefined ? 'NOQUEUE' : str(r['queueId']);
    case 'postfix_status':
      return e.kind === 'expired' ? 'expired' : str(r['status']);
    case 'postfix_smtp_response':
    case 'postfix_local_response':
    case 'postfix_pipe_response':
    case 'postfix_error_response':
      return str(r['response']);
    case 'postfix_relay_hostname':
    case 'postfix_client_hostname':
      return p?.host;
    case 'postfix_relay_ip':
    case 'postfix_client_ip':
      return p?.ip;
    case 'postfix_client_ip_unknown':
      return p && p.ip === undefined ? 'unknown' : undefined;
    case 'postfix_relay_port':
    case 'postfix_client_port':
      return str(p?.port);
    case 'postfix_relay_service':
      return p?.service;
    case 'postfix_server_ip':
      return e.kind === 'postscreen' ? e.server?.ip : undefined;
    case 'postfix_server_port':
      return e.kind === 'postscreen' ? str(e.server?.port) : undefined;
    case 'postfix_message-id':
      return e.kind === 'message-id' ? unbracket(e.messageId) : undefined;
    case 'postfix_from':
      return str(r['from']);
    case 'postfix_action':
      return e.kind === 'reject' ? e.action : undefined;
    case 'postfix_smtp_stage':
      return e.kind === 'smtp-note' ? e.inReplyTo : str(r['stage']);
    case 'postfix_status_code':
      return e.kind === 'reject' ? str(e.reply?.code) : undefined;
    case 'postfix_status_code_enhanced':
      return e.kind === 'reject' ? e.reply?.dsn : undefined;
    case 'postfix_status_data':
      return e.kind === 'reject' ? e.replyData : undefined;
    case 'postfix_status_message':
      return e.kind === 'reject' ? e.replyMessage : undefined;
    case 'postfix_milter_result':
      return e.kind === 'check' ? e.action.replace(/^milter-/, '') : undefined;
    case 'postfix_milter_message':
      return e.kind === 'check' ? e.message : undefined;
    case 'postfix_milter_data':
    case 'postfix_prepend_value':
      return e.kind === 'check' ? e.data : undefined;
    case 'postfix_prepend_type':
      return e.kind === 'check' ? e.what : undefined;
    case 'postfix_prepend_trigger':
      return e.kind === 'check' ? e.text : undefined;
    case 'postfix_message_level':
      return e.kind === 'notice' ? e.level : e.kind === 'check' ? e.action : undefined;
    case 'postfix_message':
      if (e.kind === 'notice' || e.kind === 'check') return e.message;
      if (e.kind === 'removed') return 'removed';
      return e.kind === 'qmgr-note' ? e.text : undefined;
    case 'postfix_bounce_queueid':
      return e.kind === 'bounce' ? e.notificationId : undefined;
    case 'postfix_bounce_recipient':
      return e.kind === 'bounce' ? e.recipient : undefined;
    case 'postfix_bounce_reason':
      return e.kind === 'bounce' ? e.reason : undefined;
    case 'postfix_postsuper_action':
      return e.kind === 'removed' ? 'removed' : e.kind === 'postsuper' ? e.action : undefined;
    case 'postfix_postsuper_summary_action':
      return e.kind === 'postsuper-summary' ? e.action : undefined;
    case 'postfix_postsuper_summary_count':
      return e.kind === 'postsuper-summary' ? str(e.count) : undefined;
    case 'postfix_postscreen_access':
      return e.kind === 'postscreen' && !e.violation ? e.action : undefined;
    case 'postfix_postscreen_violation':
      return e.kind === 'postscreen' && e.violation ? e.action : undefined;
    case 'postfix_postscreen_violation_time':
      return e.kind === 'postscreen' ? str(e.after) : undefined;
    case 'postfix_postscreen_dnsbl_rank':
      return e.kind === 'postscreen' ? str(e.dnsblRank) : undefined;
    case 'postfix_postscreen_toobusy_data':
      return e.kind === 'postscreen-busy' ? e.detail : undefined;
    case 'postfix_proxy_result':
      return e.kind === 'proxy' ? e.action : undefined;
    case 'postfix_proxy_smtp_stage':
      return e.kind === 'proxy' ? e.stage : undefined;
    case 'postfix_proxy_message':
      return e.kind === 'proxy' ? e.message : undefined;
    case 'postfix_proxy_status_code':
      return e.kind === 'proxy' ? str(e.reply?.code) : undefined;
    case 'postfix_proxy_status_code_enhanced':
      return e.kind === 'proxy' ? e.reply?.dsn : undefined;
    case 'postfix_smtpd_lostconn_data':
      return e.kind === 'session' ? e.what : undefined;
    case 'postfix_command_counter_data':
      return e.kind === 'session' ? e.commands : undefined;
    case 'postfix_smtp_lostconn_data':
      return e.kind === 'smtp-note' ? e.what : undefined;
    case 'postfix_smtp_lostconn_reason':
      return e.kind === 'smtp-note' ? e.detail : undefined;
    case 'postfix_pix_workaround':
      return e.kind === 'smtp-note' ? e.detail : undefined;
    default:
      throw new Error(`no mapping for ${name}`);
  }
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('classifier against the 191 whyscream/postfix-grok-patterns cases', () => {
  it('has all 191 cases', () => {
    expect(files).toHaveLength(191);
  });

  for (const file of files) {
    const name = file.replace(/\.yaml$/, '');
    // failsafe: every scalar stays a string (a queue id like 413E164734 is not a number)
    const c = parse(readFileSync(join(DIR, file), 'utf8'), { schema: 'failsafe' }) as Case;
    const results = Object.entries(c.results ?? {});
    if (NOT_CLASSIFIED[name]) {
      it(`${name}: not classified (${NOT_CLASSIFIED[name]})`, () => {
        const program = name.replace(/_\d+$/, '');
        expect(classifyMessage(PROGRAM[program] ?? program, c.data)).toBeNull();
      });
      continue;
    }
    if (SUB_PATTERN.test(name)) {
      it(`${name}: field parser`, () => {
        const want = Object.fromEntries(results.map(([k, v]) => [k, str(v)]));
        if (name.startsWith('delays_')) {
          const d = parseDelays(c.data)!;
          expect({ b: str(d.beforeQmgr), q: str(d.inQmgr), c: str(d.connSetup), t: str(d.transmission) }).toEqual({
            b: want['postfix_delay_before_qmgr'],
            q: want['postfix_delay_in_qmgr'],
            c: want['postfix_delay_conn_setup'],
            t: want['postfix_delay_transmission'],
          });
        } else if (name.startsWith('relay_')) {
          const p = parsePeer(c.data);
          expect([p.host, p.service]).toEqual([want['postfix_relay_hostname'], want['postfix_relay_service']]);
        } else if (name.startsWith('command_counter_data_')) {
          const counts = parseCommandCounts(c.data);
          for (const [k, v] of Object.entries(want)) {
            const m = /^postfix_cmd_(.+?)(_accepted)?$/.exec(k)!;
            const cmd = m[1] === 'count' ? 'commands' : m[1]!;
            const got = counts.get(cmd);
            expect(str(m[2] ? got?.accepted : got?.total), k).toBe(v);
          }
        } else {
          const t = parseTlsFeatures(c.data);
          expect(t.level).toBe(want['postfix_tls_security_level']);
          if (want['postfix_tls_downgrade_level']) expect(t.downgrade).toBe(want['postfix_tls_downgrade_level']);
          if (want['postfix_tls_policy_undecided']) expect(t.undecided).toBe(true);
          if (want['postfix_requiretls']) expect(t.requireTls).toBeDefined();
          if (want['postfix_requiretls_policy_undecided']) expect(t.requireTls?.undecided).toBe(true);
          if (want['postfix_requiretls_policy_violation']) expect(t.requireTls?.violated).toBe(true);
          if (want['postfix_requiretls_downgrade_level']) expect(t.requireTls?.downgrade).toBe(want['postfix_requiretls_downgrade_level']);
        }
      });
      continue;
    }
    it(`${name}: ${c.data.slice(0, 60)}`, () => {
      const program = name.replace(/_\d+$/, '');
      const ev = classifyMessage(PROGRAM[program] ?? program, c.data);
      expect(ev, 'classified').not.toBeNull();
      for (const [field, value] of results) {
        if (field === 'postfix_keyvalue_data') {
          for (const [k, v] of keyValues(str(value))) {
            const got = kvOf(ev!, k);
            if (k === 'delay' || k === 'size' || k === 'nrcpt' || k === 'uid' || k === 'conn_use') expect(Number(got), k).toBe(Number(v));
            else expect(got, k).toBe(k === 'proto' || k === 'relay' || k === 'delays' || k === 'dsn' || k === 'tls' || k === 'client' ? v : unbracket(v));
          }
          continue;
        }
        expect(fieldOf(ev!, field), field).toBe(str(value));
      }
    });
  }
});
