import { connectLines, type LineSocket } from './line-socket.js';

export interface SmtpReply {
  readonly code: number;
  /** All lines of the reply, joined with newlines, codes included. */
  readonly text: string;
}

export interface SmtpMessage {
  readonly helo: string;
  readonly from: string;
  readonly to: readonly string[];
  /** The full message (headers, blank line, body), lines separated by CRLF or LF. */
  readonly data: string;
}

export interface SmtpTranscript {
  /** Every reply in order: greeting, EHLO, MAIL, each RCPT, DATA, end of data, QUIT. */
  readonly replies: readonly SmtpReply[];
  /** The reply to the end of DATA (undefined when the transaction stopped earlier). */
  readonly final?: SmtpReply;
  /** Postfix's "250 2.0.0 Ok: queued as QUEUEID" queue id, when accepted. */
  readonly queueId?: string;
}

/** RFC 5321 §4.2: a reply is one or more lines; "NNN-" continues, "NNN " ends it. */
async function readReply(conn: LineSocket): Promise<SmtpReply> {
  const lines: string[] = [];
  for (;;) {
    const line = await conn.nextLine();
    lines.push(line);
    if (!/^\d{3}-/.test(line)) break;
  }
  const code = Number.parseInt((lines[lines.length - 1] ?? '').slice(0, 3), 10);
  return { code: Number.isNaN(code) ? 0 : code, text: lines.join('\n') };
}

/** RFC 5321 §4.5.2: a line starting with "." gets one more "." (dot-stuffing). */
function dotStuff(data: string): string {
  return data
    .split(/\r?\n/)
    .map((l) => (l.startsWith('.') ? `.${l}` : l))
    .join('\r\n');
}

/**
 * Sends one message over plain SMTP (no TLS, no AUTH) to 127.0.0.1:port and returns the transcript.
 * A rejection is a value (the codes in the transcript), not an exception; only I/O failures throw.
 */
export async function sendMail(port: number, msg: SmtpMessage): Promise<SmtpTranscript> {
  const conn = await connectLines(port);
  const replies: SmtpReply[] = [];
  const step = async (command?: string): Promise<SmtpReply> => {
    if (command !== undefined) conn.write(`${command}\r\n`);
    const reply = await readReply(conn);
    replies.push(reply);
    return reply;
  };
  try {
    if ((await step()).code !== 220) return { replies };
    if ((await step(`EHLO ${msg.helo}`)).code !== 250) return { replies };
    if ((await step(`MAIL FROM:<${msg.from}>`)).code !== 250) return { replies };
    let accepted = 0;
    for (const rcpt of msg.to) if ((await step(`RCPT TO:<${rcpt}>`)).code === 250) accepted++;
    if (accepted === 0 || (await step('DATA')).code !== 354) {
      await step('QUIT');
      return { replies };
    }
    const body = dotStuff(msg.data.replace(/(\r?\n)+$/, ''));
    const final = await step(`${body}\r\n.`);
    await step('QUIT');
    const queueId = /queued as ([0-9A-Za-z]+)/.exec(final.text)?.[1];
    return queueId === undefined ? { replies, final } : { replies, final, queueId };
  } finally {
    conn.close();
  }
}
