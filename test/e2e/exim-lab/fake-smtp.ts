import { createServer, type Server, type Socket } from 'node:net';

/**
 * A tiny SMTP server standing in for "the next hop" of the Exim lab (RFC 5321 §4.1, §4.2: commands and
 * replies, no extensions). Per recipient local part: `ok` is accepted; `later-fail` gets 451 on its first
 * RCPT and 550 on every later one (a temporary failure that turns permanent); anything else gets 550.
 * Accepted messages get `250 2.0.0 Ok: queued as FAKE<n>` (Postfix's wording), so the sender's log
 * carries the next hop's queue id.
 */
export interface FakeSmtp {
  readonly port: number;
  /** Queue ids given out, in order. */
  readonly queued: string[];
  close(): Promise<void>;
}

export async function startFakeSmtp(port: number): Promise<FakeSmtp> {
  const queued: string[] = [];
  const tries = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.setEncoding('utf8');
    let buf = '';
    let inData = false;
    let accepted = 0;
    const say = (line: string): void => void sock.write(`${line}\r\n`);
    say('220 next-hop.test ESMTP fake');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (inData) {
          if (line === '.') {
            inData = false;
            const id = `FAKE${queued.length + 1}`;
            queued.push(id);
            say(`250 2.0.0 Ok: queued as ${id}`);
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') say('250 next-hop.test');
        else if (cmd === 'MAIL') {
          accepted = 0;
          say('250 2.1.0 Ok');
        } else if (cmd === 'RCPT') {
          const addr = (/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase();
          const local = addr.split('@')[0] ?? '';
          const n = (tries.get(addr) ?? 0) + 1;
          tries.set(addr, n);
          if (local === 'ok') {
            accepted++;
            say('250 2.1.5 Ok');
          } else if (local === 'later-fail' && n === 1) say('451 4.3.0 try again later');
          else say('550 5.1.1 no such user here');
        } else if (cmd === 'DATA') {
          if (accepted === 0) say('554 5.5.1 no valid recipients');
          else {
            inData = true;
            say('354 go ahead');
          }
        } else if (cmd === 'RSET' || cmd === 'NOOP') say('250 2.0.0 Ok');
        else if (cmd === 'QUIT') {
          say('221 2.0.0 Bye');
          sock.end();
        } else say('502 5.5.2 command not implemented');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    queued,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
