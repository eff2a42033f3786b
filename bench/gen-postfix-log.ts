import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';

/**
 * Writes a realistic Postfix log of about `targetBytes`: the shapes and proportions of a real small
 * production host (postscreen and dnsblog noise about two thirds of the lines, smtpd connects, TLS proxy,
 * anvil, and a few percent of real message flows through an amavis after-queue filter and a pipe to
 * Dovecot), with RFC 3339 timestamps. All names and addresses are synthetic (example.* domains, RFC 5737
 * addresses). Seeded: the same arguments give the same file.
 */
export interface GeneratedLog {
  path: string;
  bytes: number;
  lines: number;
  /** A message in the middle of the file, to trace. */
  probe: { messageId: string; from: string; to: string };
}

const VERSION = 'gen-postfix-log/2';
const ID_CHARS = '0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePostfixLog(path: string, targetBytes: number, seed = 42): GeneratedLog {
  const meta = `${path}.meta.json`;
  if (existsSync(path) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as GeneratedLog & { version: string; targetBytes: number; seed: number };
    if (m.version === VERSION && m.targetBytes === targetBytes && m.seed === seed && statSync(path).size === m.bytes) return m;
  }
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const ip = (): string => `${[192, 198, 203][int(3)]}.${[0, 51, 0][int(3)]}.${[2, 100, 113][int(3)]}.${1 + int(254)}`;
  const port = (): number => 1024 + int(64000);
  const qid = (): string => {
    let s = '4';
    for (let i = 0; i < 11 + int(4); i++) s += ID_CHARS[int(ID_CHARS.length)];
    return s;
  };
  const user = (): string => `user${String(int(400)).padStart(3, '0')}`;
  const domain = (): string => `${['mail', 'news', 'shop', 'corp', 'list'][int(5)]}${int(900)}.example.${['com', 'net', 'org'][int(3)]}`;
  let pid = 1000;
  const p = (): number => (pid = 1000 + ((pid * 7 + 13) % 30000));

  let t = Date.parse('2026-03-14T00:00:00Z');
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let bufLen = 0;
  let bytes = 0;
  let lines = 0;
  const host = 'helga';
  const stamp = (): string => {
    t += int(40);
    const d = new Date(t);
    return `${d.toISOString().slice(0, 19)}.${String(int(1e6)).padStart(6, '0')}+00:00`;
  };
  const emit = (prog: string, msg: string): void => {
    const line = `${stamp()} ${host} ${prog}[${p()}]: ${msg}\n`;
    buf.push(line);
    bufLen += line.length;
    lines++;
    if (bufLen > 1 << 20) flush();
  };
  const flush = (): void => {
    const chunk = buf.join('');
    bytes += writeSync(fd, chunk);
    buf = [];
    bufLen = 0;
  };

  let probe: GeneratedLog['probe'] | undefined;
  let n = 0;
  while (bytes + bufLen < targetBytes) {
    n++;
    const kind = r();
    const cip = ip();
    const cport = port();
    if (kind < 0.55) {
      // postscreen + dnsblog noise: most lines on a real MX
      emit('postfix/postscreen', `CONNECT from [${cip}]:${cport} to [192.0.2.25]:25`);
      if (r() < 0.5) {
        emit('postfix/dnsblog', `addr ${cip} listed by domain zen.spamhaus.org as 127.0.0.${2 + int(10)}`);
        emit('postfix/dnsblog', `addr ${cip} listed by domain b.barracudacentral.org as 127.0.0.2`);
        emit('postfix/postscreen', `DNSBL rank ${2 + int(6)} for [${cip}]:${cport}`);
        if (r() < 0.3) {
          emit('postfix/postscreen', `NOQUEUE: reject: RCPT from [${cip}]:${cport}: 550 5.7.1 Service unavailable; client [${cip}] blocked using zen.spamhaus.org; from=<${user()}@${domain()}>, to=<${user()}@example.org>, proto=ESMTP, helo=<${domain()}>`);
        }
        emit('postfix/postscreen', `DISCONNECT [${cip}]:${cport}`);
      } else {
        emit('postfix/postscreen', r() < 0.5 ? `PASS OLD [${cip}]:${cport}` : `HANGUP after ${(r() * 5).toFixed(1)} from [${cip}]:${cport} in tests after SMTP handshake`);
      }
    } else if (kind < 0.8) {
      emit('postfix/smtpd', `connect from unknown[${cip}]`);
      if (r() < 0.4) emit('postfix/smtpd', `lost connection after AUTH from unknown[${cip}]`);
      if (r() < 0.2) emit('postfix/smtpd', `NOQUEUE: reject: RCPT from unknown[${cip}]: 554 5.7.1 <${user()}@example.org>: Relay access denied; from=<${user()}@${domain()}> to=<${user()}@${domain()}> proto=ESMTP helo=<${domain()}>`);
      emit('postfix/smtpd', `disconnect from unknown[${cip}] ehlo=1 auth=0/1 commands=1/2`);
    } else if (kind < 0.9) {
      emit('postfix/tlsproxy', `CONNECT from [${cip}]:${cport}`);
      emit('postfix/tlsproxy', `DISCONNECT [${cip}]:${cport}`);
    } else if (kind < 0.94) {
      emit('postfix/anvil', `statistics: max connection rate 1/60s for (smtp:${cip}) at Mar 14 00:0${int(10)}:00`);
    } else {
      // a real message: smtpd -> cleanup -> qmgr -> amavis (10024) -> reinjection (10025) -> pipe to dovecot -> removed
      const q1 = qid();
      const q2 = qid();
      const from = `${user()}@${domain()}`;
      const to = `${user()}@example.org`;
      const mid = `<${q1.toLowerCase()}.${n}@${domain()}>`;
      const rdns = domain();
      const size = 2000 + int(200000);
      emit('postfix/smtpd', `connect from ${rdns}[${cip}]`);
      emit('postfix/smtpd', `${q1}: client=${rdns}[${cip}]`);
      emit('postfix/cleanup', `${q1}: message-id=${mid}`);
      emit('postfix/qmgr', `${q1}: from=<${from}>, size=${size}, nrcpt=1 (queue active)`);
      emit('postfix/smtpd', `disconnect from ${rdns}[${cip}] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`);
      emit('postfix/10025/smtpd', `connect from localhost[127.0.0.1]`);
      emit('postfix/10025/smtpd', `${q2}: client=localhost[127.0.0.1]`);
      emit('postfix/cleanup', `${q2}: message-id=${mid}`);
      emit('postfix/qmgr', `${q2}: from=<${from}>, size=${size + 900}, nrcpt=1 (queue active)`);
      emit('postfix/10025/smtpd', `disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`);
      emit('amavis', `(${p()}-01) Passed CLEAN {RelayedInbound}, [${cip}]:${cport} [${cip}] <${from}> -> <${to}>, Queue-ID: ${q1}, Message-ID: ${mid}, mail_id: x${int(1e9)}, Hits: -${(r() * 3).toFixed(3)}, size: ${size}, queued_as: ${q2}, ${int(3000)} ms`);
      emit('postfix/amavis/smtp', `${q1}: to=<${to}>, relay=127.0.0.1[127.0.0.1]:10024, delay=${(r() * 3).toFixed(1)}, delays=0.1/0/0/1.2, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ${q2})`);
      emit('postfix/qmgr', `${q1}: removed`);
      emit('postfix/pipe', `${q2}: to=<${to}>, relay=dovecot, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered via dovecot service)`);
      emit('postfix/qmgr', `${q2}: removed`);
      if (!probe && bytes > targetBytes / 2) probe = { messageId: mid, from, to };
    }
  }
  flush();
  closeSync(fd);
  const out: GeneratedLog = { path, bytes, lines, probe: probe ?? { messageId: '<none@example.org>', from: 'a@example.org', to: 'b@example.org' } };
  writeFileSync(meta, JSON.stringify({ ...out, version: VERSION, targetBytes, seed }));
  return out;
}

