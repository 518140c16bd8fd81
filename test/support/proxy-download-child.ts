// Downloads one link the way the CLI does (its fetch, reading the proxy from this process's environment) and prints
// what it got. A child process, so NODE_EXTRA_CA_CERTS can vouch for the test's certificate without touching the
// test runner's own trust.
import { createApimartClient } from '../../electron/services/apimart/apimart-client.ts';
import { createEnvProxyFetch } from '../../electron/services/apimart/env-proxy-fetch.ts';

const [link, destination] = process.argv.slice(2);
if (!link || !destination) throw new Error('usage: proxy-download-child <link> <destination>');
const client = createApimartClient({
  fetch: createEnvProxyFetch(process.env),
  baseUrl: new URL(link).origin,
  keySource: { read: async () => null },
});
const result = await client.download(link, destination);
process.stdout.write(JSON.stringify(result));
