// Test helper: a local TCP port that is certain to refuse connections while the test holds it (no probe-and-close race).
import net from 'node:net';

export interface RefusedPort {
  port: number;
  close(): Promise<void>;
}

/**
 * The local end of a connection we keep open: the port is bound (no one else can take it) but nothing listens on
 * it, so the kernel answers every new connection with a reset, which clients report as ECONNREFUSED.
 */
export async function refusedPort(): Promise<RefusedPort> {
  const server = net.createServer();
  const accepted: net.Socket[] = [];
  server.on('connection', (s) => accepted.push(s));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port: serverPort } = server.address() as net.AddressInfo;
  const client = net.connect(serverPort, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const port = client.localPort!;
  return {
    port,
    close: async () => {
      client.destroy();
      for (const s of accepted) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
