import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSrt } from '../../../shared/boards/subtitles';
import { RequestValidationError } from '../../../electron/services/apimart/apimart-client';
import { FAKE_SPEECH_PRICE } from '../../fake-apimart/fake-speech.ts';
import { setupApimart, type ApimartSetup } from '../../support/apimart-setup';

let setup: ApimartSetup;
afterEach(async () => {
  await setup.close();
});

/** A WAV's length in seconds, read from its header (mono or not, any PCM width). */
function wavSeconds(bytes: Uint8Array): number {
  const view = Buffer.from(bytes);
  const byteRate = view.readUInt32LE(28);
  const dataSize = view.readUInt32LE(40);
  return dataSize / byteRate;
}

describe('speak', () => {
  it('answers a WAV as long as the line takes to say, asking for WAV explicitly, billed once', async () => {
    setup = await setupApimart();
    const before = setup.fake.balance();
    const line = 'The lighthouse keeper had not spoken to anyone in three weeks.';
    const audio = await setup.client.speak({ input: line, voice: 'onyx', speed: 1 });
    expect(Buffer.from(audio.subarray(0, 4)).toString('ascii')).toBe('RIFF');
    expect(wavSeconds(audio)).toBeCloseTo(line.length / 15, 1);
    const faster = await setup.client.speak({ input: line, voice: 'nova', speed: 2 });
    expect(wavSeconds(faster)).toBeCloseTo(line.length / 30, 1);
    expect(setup.fake.spoken).toEqual([
      { input: line, voice: 'onyx', speed: 1, format: 'wav' },
      { input: line, voice: 'nova', speed: 2, format: 'wav' },
    ]);
    expect(before - setup.fake.balance()).toBeCloseTo(2 * FAKE_SPEECH_PRICE, 6);
  });

  it('refuses a line, voice or speed outside what APIMart documents before anything is sent', async () => {
    setup = await setupApimart();
    const refusals = [
      { input: '   ', voice: 'alloy', speed: 1 },
      { input: 'x'.repeat(4_097), voice: 'alloy', speed: 1 },
      { input: 'Hello', voice: 'baritone', speed: 1 },
      { input: 'Hello', voice: 'alloy', speed: 4.5 },
      { input: 'Hello', voice: 'alloy', speed: 0.1 },
    ];
    for (const request of refusals)
      // @ts-expect-error -- a voice outside the documented set is exactly what is being refused
      await expect(setup.client.speak(request)).rejects.toBeInstanceOf(RequestValidationError);
    expect(setup.fake.count('speech')).toBe(0);
  });

  it('says "no such model" when APIMart has no speech model on this key, and never sends a billed line twice', async () => {
    setup = await setupApimart();
    setup.fake.inject('speech', {
      kind: 'status',
      status: 404,
      body: {
        error: {
          message: 'The model gpt-4o-mini-tts does not exist',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
    });
    await expect(setup.client.speak({ input: 'Hello', voice: 'alloy', speed: 1 })).rejects.toMatchObject({
      code: 'unknownModel',
    });
    setup.fake.inject('speech', { kind: 'status', status: 503 });
    await expect(setup.client.speak({ input: 'Hello', voice: 'alloy', speed: 1 })).rejects.toMatchObject({
      code: 'server',
    });
    setup.fake.inject('speech', { kind: 'drop' });
    await expect(setup.client.speak({ input: 'Hello', voice: 'alloy', speed: 1 })).rejects.toMatchObject({
      code: 'network',
    });
    expect(setup.fake.count('speech')).toBe(3);
    expect(setup.sleeps).toEqual([]);
  });

  it('refuses an answer that is not audio (a 200 with an error page) as unreadable', async () => {
    setup = await setupApimart();
    setup.fake.inject('speech', { kind: 'status', status: 200, body: '<html>Sign in</html>' });
    await expect(setup.client.speak({ input: 'Hello', voice: 'alloy', speed: 1 })).rejects.toMatchObject({
      code: 'malformed',
    });
  });

  it('says the balance is short when APIMart refuses the line for it', async () => {
    setup = await setupApimart({ balance: 0.001 });
    await expect(setup.client.speak({ input: 'Hello', voice: 'alloy', speed: 1 })).rejects.toMatchObject({
      code: 'insufficientBalance',
    });
    expect(setup.fake.spoken).toEqual([]);
  });
});

describe('transcribe', () => {
  it('hears the words in audio as SubRip cues, asking for whisper-1 and SRT', async () => {
    setup = await setupApimart();
    const line = 'Bring the boats in before the storm.';
    const audio = await setup.client.speak({ input: line, voice: 'echo', speed: 1 });
    const file = path.join(setup.dir, 'line.wav');
    await writeFile(file, audio);
    const srt = await setup.client.transcribe({ path: file });
    expect(parseSrt(srt)).toEqual([{ start: 0, end: expect.closeTo(line.length / 15, 1), text: line }]);
    setup.fake.hear('');
    const silent = path.join(setup.dir, 'take.mp4');
    await writeFile(silent, Buffer.alloc(2048, 1));
    expect(parseSrt(await setup.client.transcribe({ path: silent }))).toEqual([]);
  });

  it('says transcription is not there when the model is not, or the answer is not SubRip', async () => {
    setup = await setupApimart();
    const file = path.join(setup.dir, 'take.mp4');
    await writeFile(file, Buffer.alloc(2048, 1));
    setup.fake.inject('transcription', {
      kind: 'status',
      status: 404,
      body: {
        error: {
          message: 'The model whisper-1 does not exist',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
    });
    await expect(setup.client.transcribe({ path: file })).rejects.toMatchObject({ code: 'unknownModel' });
    setup.fake.inject('transcription', { kind: 'status', status: 200, body: { text: 'a JSON answer instead' } });
    await expect(setup.client.transcribe({ path: file })).rejects.toMatchObject({ code: 'malformed' });
    expect(setup.sleeps).toEqual([]);
  });
});
