import { connectLines, type LineSocket } from './line-socket.js';

export interface ImapResult {
  readonly ok: boolean;
  /** The tagged status line, e.g. `a3 OK Select completed`. */
  readonly status: string;
  readonly untagged: readonly string[];
}

/** A bare IMAP4rev1 session (RFC 3501) for the lab: plain LOGIN on loopback, no literals sent. */
export interface ImapSession {
  command(text: string): Promise<ImapResult>;
  logout(): Promise<void>;
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

export async function imapLogin(port: number, user: string, password: string): Promise<ImapSession> {
  const conn: LineSocket = await connectLines(port);
  const greeting = await conn.nextLine();
  if (!greeting.startsWith('* OK')) {
    conn.close();
    throw new Error(`mail-lab: unexpected IMAP greeting: ${greeting}`);
  }
  let n = 0;
  const command = async (text: string): Promise<ImapResult> => {
    const tag = `a${++n}`;
    conn.write(`${tag} ${text}\r\n`);
    const untagged: string[] = [];
    for (;;) {
      const line = await conn.nextLine();
      if (line.startsWith(`${tag} `)) return { ok: line.startsWith(`${tag} OK`), status: line, untagged };
      untagged.push(line);
    }
  };
  const login = await command(`LOGIN ${quote(user)} ${quote(password)}`);
  if (!login.ok) {
    conn.close();
    throw new Error(`mail-lab: IMAP LOGIN as ${user} failed: ${login.status}`);
  }
  return {
    command,
    async logout(): Promise<void> {
      try {
        await command('LOGOUT');
      } finally {
        conn.close();
      }
    },
  };
}

/** UIDs from `* SEARCH 1 2 3` lines. */
export function searchUids(res: ImapResult): number[] {
  const line = res.untagged.find((l) => l.startsWith('* SEARCH'));
  if (line === undefined) return [];
  return line
    .slice('* SEARCH'.length)
    .trim()
    .split(/\s+/)
    .filter((t) => /^\d+$/.test(t))
    .map(Number);
}

export { quote as imapQuote };
