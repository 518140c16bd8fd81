import { afterEach, describe, expect, it } from 'vitest';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';

// The API's answers are input like any other: their size is bounded, and one that cannot be read is logged
// (key redacted) so the message "the log has the raw answer" is true.
let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

describe("the API's answers as input", () => {
  it('refuses an answer larger than 4 MB instead of reading it whole', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', { kind: 'status', status: 200, body: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    await expect(setup.client.getBalance()).rejects.toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('larger than 4 MB'),
    });
    // An error answer is read only as far as its first 64 KB: its status says what happened, and it is said.
    setup.fake.inject('balance', { kind: 'status', status: 500, body: { message: 'e'.repeat(5 * 1024 * 1024) } }, 5);
    const refusal: unknown = await setup.client.getBalance().catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'server' });
    expect((refusal as Error).message.length).toBeLessThan(5_000);
  });

  it('logs an answer it cannot read, with the key redacted, and says so', async () => {
    setup = await setupApimart();
    setup.fake.inject('balance', {
      kind: 'status',
      status: 200,
      body: { surprise: true, echoed: `Bearer ${setup.fake.apiKey}` },
    });
    await expect(setup.client.getBalance()).rejects.toMatchObject({ code: 'malformed' });
    const line = setup.logger.lines.find((entry) => entry.message === 'apimart: an answer could not be read');
    expect(String(line?.fields?.['rawBody'])).toContain('"surprise":true');
    expect(JSON.stringify(setup.logger.lines)).not.toContain(setup.fake.apiKey);
  });
});
