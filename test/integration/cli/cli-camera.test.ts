import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_VIDEO_MODELS, type FakeModel } from '../../fake-apimart/fake-models';
import { requireBuild } from '../../support/build-output';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 10 });
});
afterEach(() => cli.close());

// A model whose schema has a camera field naming moves, known to the app only by that schema.
const CAMERA_MODEL: FakeModel = {
  id: 'acme-cam-1',
  schema: {
    type: 'object',
    properties: {
      prompt: { type: 'string' },
      duration: { type: 'integer', enum: [5, 10], default: 5 },
      camera_motion: { type: 'string', enum: ['none', 'zoom_in', 'zoom_out', 'orbit_left'] },
    },
    required: ['prompt'],
    additionalProperties: false,
  },
  secondsField: 'duration',
  defaultSeconds: 5,
  imageFields: [],
};

const sentBodies = () =>
  [...(cli.fake?.tasks.values() ?? [])].map((task) => task.generation.body as Record<string, unknown>);

describe('--camera on the command line', () => {
  it('generate writes the move as words in the prompt for a model without a camera field, and says so', async () => {
    await cli.startFake();
    const run = await cli.reelbench([
      'generate',
      '--model',
      'veo3.1-fast-official',
      '--prompt',
      'A lighthouse on a cliff at dusk',
      '--duration',
      '4',
      '--camera',
      'orbit:0.9',
    ]).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('camera: orbit → prompt phrase (no camera field)');
    const [sent] = sentBodies();
    // Veo's guide calls an orbit an arc shot; 0.9 is a fast one. The creator's words come first, unchanged.
    expect(sent?.['prompt']).toBe('A lighthouse on a cliff at dusk\n\nQuickly, arc shot around the subject.');
  });

  it('generate writes the move into the camera field where the schema names it, and nothing into the prompt', async () => {
    await cli.startFake({ models: [...FAKE_VIDEO_MODELS, CAMERA_MODEL] });
    await cli.reelbench(['models', '--refresh']).done;
    const foxWith = (...more: string[]) =>
      cli.reelbench(['generate', '--model', 'acme-cam-1', '--prompt', 'A fox in the snow', ...more]).done;
    const run = await foxWith('--camera', 'push-in', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(sentBodies()).toMatchObject([{ prompt: 'A fox in the snow', camera_motion: 'zoom_in' }]);

    // Saying the move twice, in --camera and in the field, is refused before anything is sent.
    const twice = await foxWith('--camera', 'pull-out', '--set', 'camera_motion=orbit_left');
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('--camera and --set camera_motion=… both say how the camera moves');
    expect(cli.fake?.count('generate', 'POST')).toBe(1);
  });

  it('refuses a move it does not know, and a strength outside 0–1, naming the moves; nothing is sent', async () => {
    await cli.startFake();
    for (const [camera, said] of [
      ['zoom', '--camera takes a move, not "zoom".'],
      ['orbit:2', '--camera orbit:S takes S from 0 to 1, not "2".'],
      ['orbit:', '--camera orbit:S takes S from 0 to 1, not "".'],
    ] as const) {
      const run = await cli.reelbench(['generate', '--prompt', 'A fox', '--duration', '4', '--camera', camera]).done;
      expect(run.code, camera).not.toBe(0);
      expect(run.stderr).toContain(said);
      if (camera === 'zoom') expect(run.stderr).toContain('push-in, pull-out');
    }
    expect(cli.fake?.count('generate', 'POST')).toBe(0);
  });

  it('board add keeps the move as the shot’s camera, and board generate sends it in the model’s words', async () => {
    await cli.startFake();
    const id = (await cli.reelbench(['board', 'new', 'Cliffs']).done).stdout.trim();
    const added = await cli.reelbench([
      'board',
      'add',
      id,
      '--prompt',
      'The keeper looks out to sea',
      '--model',
      'kling-v3',
      '--duration',
      '5',
      '--camera',
      'crane-up:0.2',
      '--json',
    ]).done;
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ shot: { camera: { move: 'crane-up', strength: 0.2 } } });
    // Stored as intent: the creator's prompt is not rewritten in the board.
    const shown = JSON.parse((await cli.reelbench(['board', 'show', id, '--json']).done).stdout) as {
      board: { shots: { prompt: string; camera: unknown }[] };
    };
    expect(shown.board.shots).toMatchObject([
      { prompt: 'The keeper looks out to sea', camera: { move: 'crane-up', strength: 0.2 } },
    ]);

    const generated = await cli.reelbench(['board', 'generate', id, '--timeout', '60']).done;
    expect(generated.code, generated.stderr).toBe(0);
    const [sent] = sentBodies();
    expect(sent?.['prompt']).toMatch(/^The keeper looks out to sea\n\nSlowly, .+\.$/);
    expect(sent?.['prompt']).not.toContain('crane-up');
  });
});
