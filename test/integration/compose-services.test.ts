import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/services/event-bus';
import { SAMPLE_VIDEO } from '../support/library-setup';
import { setupServices, type ServicesSetup } from '../support/main-services-setup';
import { createRecordingLogger } from '../support/recording-logger';

let setup: ServicesSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

describe('the composition root', () => {
  it("builds every service once, and its bus carries the library's own changes to whoever listens", async () => {
    setup = await setupServices('http://127.0.0.1:9');
    const { services } = setup;
    expect(services.jobs).toBe(services.pipeline.runner);
    expect(services.router).toBe(services.router);
    const heard: string[] = [];
    services.bus.on('library.item', (event) => heard.push(event.kind));
    const download = path.join(setup.paths.dataDir, 'download.mp4');
    await copyFile(SAMPLE_VIDEO, download);
    const item = await services.library.current().addVideo({
      videoFile: download,
      generation: {
        prompt: 'composed',
        model: 'sora-2-preview',
        duration: 4,
        aspect: 'landscape',
        resolution: 'standard',
        taskId: null,
        jobId: null,
        draftId: null,
        draftVersionId: null,
      },
      createdAt: new Date(),
      completedAt: null,
    });
    await services.library.current().update(item.id, { rating: 5 });
    expect(heard).toEqual(['added', 'changed']);
    // The same service the IPC channels use.
    await expect(setup.call('library.get', { id: item.id })).resolves.toMatchObject({ ok: true, data: { rating: 5 } });
  });

  it('keeps a failing listener from silencing the others, and logs it', () => {
    const logger = createRecordingLogger();
    const bus = createEventBus<{ ping: number }>(logger);
    const heard: number[] = [];
    bus.on('ping', () => {
      throw new Error('a broken listener');
    });
    const unsubscribe = bus.on('ping', (value) => heard.push(value));
    bus.emit('ping', 1);
    unsubscribe();
    bus.emit('ping', 2);
    expect(heard).toEqual([1]);
    expect(logger.lines.map((line) => line.message)).toEqual([
      'events: a listener failed',
      'events: a listener failed',
    ]);
  });
});
