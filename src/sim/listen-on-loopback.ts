import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts a simulator's server and answers the origin it listens on (`http://127.0.0.1:PORT`). */
export async function listenOnLoopback(
  server: Server,
  host: string,
  port: number,
): Promise<{ origin: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { origin: `http://${hostInUrl}:${address.port}`, port: address.port };
}
