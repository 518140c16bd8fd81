import type { Storyboard } from '../../shared/boards/board-models';
import type { Job } from '../../shared/jobs/job-models';
import { startFakeApimart, type FakeApimart } from '../fake-apimart/fake-server.ts';
import { eventually } from './eventually';
import { setupServices, type ServicesSetup } from './main-services-setup';

/** The app's services over a fake APIMart, with a storyboard of three generated takes. */
export interface BoardWithSound {
  readonly app: ServicesSetup;
  readonly fake: FakeApimart;
  readonly board: Storyboard;
  /** Calls an IPC channel as the window does, answering its data (throws on an error answer). */
  call<T>(channel: string, payload?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * Three shots generated from `clip` (the fake's video for every task): shot 2 trimmed to 0.5–1.5 s, shot 3 muted,
 * shot 1 at half volume with a line ("They left at dawn.") not yet spoken.
 */
export async function boardWithSound(clip: Buffer): Promise<BoardWithSound> {
  const fake = await startFakeApimart({ estimatedSeconds: 0, videoPayload: clip });
  const app = await setupServices(fake.baseUrl, {}, { pollMs: 50 });
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const answer = (await app.call(channel, payload)) as { ok: boolean; data?: unknown; error?: unknown };
    if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  };
  await call('key.set', { value: fake.apiKey });
  let board = await call<Storyboard>('boards.create', { title: 'Harbour & "gulls" <3>' });
  for (const prompt of ['Boats leave the harbour', 'Gulls over the pier', 'The lighthouse at dusk']) {
    board = await call<Storyboard>('boards.addShot', { id: board.id });
    board = await call<Storyboard>('boards.updateShot', {
      id: board.id,
      shotId: board.shots.at(-1)?.id,
      patch: { prompt, model: 'sora-2-preview', params: { duration: 4 } },
    });
  }
  const jobs = await call<Job[]>('boards.generate', { id: board.id, scope: { kind: 'all' } });
  await eventually(() => {
    fake.clock.advance(1_000);
    return jobs.every((job) => app.services.jobs.get(job.id).phase === 'done');
  }, 'the takes');
  const [one, two, three] = (await call<Storyboard>('boards.get', { id: board.id })).shots.map((shot) => shot.id);
  await call('boards.updateShot', { id: board.id, shotId: two, patch: { trim: { in: 0.5, out: 1.5 } } });
  await call('boards.updateShot', { id: board.id, shotId: three, patch: { sound: { volume: 1, muted: true } } });
  board = await call<Storyboard>('boards.updateShot', {
    id: board.id,
    shotId: one,
    patch: {
      sound: { volume: 0.5, muted: false },
      voiceOver: { text: 'They left at dawn.', speakerId: null, voice: null, speed: 1 },
    },
  });
  return {
    app,
    fake,
    board,
    call,
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
}
