import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/** A forward proxy on 127.0.0.1, as a company network has: it tunnels what it is asked to (undici asks for every link). */
export interface ForwardProxy {
  readonly url: string;
  /** What went through it: `CONNECT host:port` for each tunnel. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  const server: Server = createServer((_request, response) => {
    response.writeHead(405).end(); // undici tunnels plain-http links as well: a forwarded GET would be a change
  });
  server.on('connect', (request, client, head) => {
    seen.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : (host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
