import { createServer, type Server } from 'node:net';

/**
 * Finds `count` distinct free TCP ports on 127.0.0.1 by binding port 0. All sockets are held open
 * until every port is known, so the ports are distinct; they are closed before returning, so a
 * daemon can bind them right after (a small race with other programs remains, as with any such scheme).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const addr = server.address();
      if (addr === null || typeof addr === 'string') throw new Error('freePorts: no TCP address');
      ports.push(addr.port);
    }
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  return ports;
}

/**
 * Resolves true once something listens on 127.0.0.1:port, false after timeoutMs. It probes by trying
 * to bind the port (EADDRINUSE means a daemon holds it), so no connection shows up in the daemons' logs.
 */
export async function waitForListener(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isListening(port)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

async function isListening(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE'));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
