import { connect, type Socket } from 'node:net';

/** A TCP connection read line by line (CRLF or LF), for the lab's tiny SMTP and IMAP clients. */
export interface LineSocket {
  nextLine(timeoutMs?: number): Promise<string>;
  write(text: string): void;
  close(): void;
}

export function connectLines(port: number, host = '127.0.0.1'): Promise<LineSocket> {
  return new Promise((resolve, reject) => {
    const sock: Socket = connect({ host, port });
    sock.setEncoding('utf8');
    const lines: string[] = [];
    let buf = '';
    let failure: Error | undefined;
    let waiter: (() => void) | undefined;
    const wake = (): void => {
      const w = waiter;
      waiter = undefined;
      w?.();
    };
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(buf.slice(0, nl).replace(/\r$/, ''));
        buf = buf.slice(nl + 1);
      }
      wake();
    });
    sock.on('error', (err) => {
      failure = err;
      wake();
    });
    sock.on('close', () => {
      failure ??= new Error(`connection to ${host}:${port} closed`);
      wake();
    });
    sock.once('connect', () => {
      resolve({
        async nextLine(timeoutMs = 15_000): Promise<string> {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const line = lines.shift();
            if (line !== undefined) return line;
            if (failure) throw failure;
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no reply from ${host}:${port} within ${timeoutMs} ms`);
            await new Promise<void>((r) => {
              const t = setTimeout(r, left);
              waiter = () => {
                clearTimeout(t);
                r();
              };
            });
          }
        },
        write(text: string): void {
          sock.write(text);
        },
        close(): void {
          sock.end();
          sock.destroy();
        },
      });
    });
    sock.once('error', reject);
  });
}
