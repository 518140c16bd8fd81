import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuild } from '../../support/build-output';
import { CLI } from '../../support/cli-runner';
import { openCliFixture, type CliFixture } from '../../support/cli-fixture';
import { eventually } from '../../support/eventually';

let cli: CliFixture;
beforeAll(requireBuild);
beforeEach(async () => {
  cli = await openCliFixture({ estimatedSeconds: 10 });
});
afterEach(async () => {
  await session?.client.close();
  session = undefined;
  await cli.close();
});

const TOOLS = [
  'list_models',
  'describe_model',
  'estimate_cost',
  'prepare_image',
  'generate_video',
  'job_status',
  'cancel_job',
  'search_library',
  'get_video',
  'create_storyboard_from_script',
  'generate_storyboard',
  'export_film',
];
const VEO = 'veo3.1-fast-official';

interface Session {
  readonly client: Client;
  /** Every message the server sent, as it came (answers and notifications). */
  readonly heard: string[];
  /** What the server wrote to stderr. */
  stderr(): string;
}
let session: Session | undefined;

/** Starts `reelbench mcp` as a child process, as an assistant's client would, and connects the SDK's Client to it. */
async function connect(): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    env: cli.env(),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'reelbench-test', version: '1.0.0' });
  await client.connect(transport);
  const heard: string[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message) => {
    heard.push(JSON.stringify(message));
    deliver?.(message);
  };
  session = { client, heard, stderr: () => stderr };
  return session;
}

type Answer = CallToolResult & { structuredContent?: Record<string, unknown> };
const call = async (name: string, args: Record<string, unknown> = {}): Promise<Answer> =>
  (await session!.client.callTool({ name, arguments: args })) as Answer;
const data = (answer: Answer) => answer.structuredContent ?? {};
const text = (answer: Answer) => answer.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');

async function settled(jobId: string): Promise<Record<string, unknown>> {
  let facts: Record<string, unknown> = {};
  await eventually(async () => {
    facts = data(await call('job_status', { job_id: jobId }));
    return ['done', 'failed', 'cancelled'].includes(String(facts['phase']));
  }, `job ${jobId} to end`);
  return facts;
}

const config = (name: string, value: string) => cli.reelbench(['config', 'set', name, value]).done;

describe('reelbench mcp, through the SDK’s own client over stdio', () => {
  it('lists every tool with a valid input schema, and lists, describes and prices models', async () => {
    await cli.startFake();
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    const validator = new AjvJsonSchemaValidator();
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      // A schema Ajv cannot compile throws here.
      validator.getValidator(tool.inputSchema);
    }
    const generate = tools.find((tool) => tool.name === 'generate_video');
    expect(generate?.description).toContain('BILLED');
    expect(validator.getValidator(generate!.inputSchema)({ prompt: 'x', duration: 4 }).valid).toBe(true);
    expect(validator.getValidator(generate!.inputSchema)({ duration: 4 }).valid).toBe(false);

    const listed = data(await call('list_models'));
    expect((listed['models'] as { id: string }[]).map((model) => model.id)).toContain(VEO);
    const described = await call('describe_model', { model: 'kling-v3' });
    expect(text(described)).toContain('kling-v3');
    expect(data(described)['model']).toMatchObject({ id: 'kling-v3' });
    const estimate = await call('estimate_cost', { model: VEO, duration: 6 });
    expect(data(estimate)).toMatchObject({ model: VEO, seconds: 6, pricePerSecond: 0.08, cost: 0.48 });
    const wrong = await call('estimate_cost', { model: VEO, duration: 12 });
    expect(wrong.isError).toBe(true);
    expect(text(wrong)).toContain('4, 6 or 8');
    expect(cli.fake?.count('generate', 'POST')).toBe(0);
  });

  it('generates a video to the end: job polled, notified when done, filed in the library, found by search, read as a resource', async () => {
    const fake = await cli.startFake();
    const { client } = await connect();
    const updated: string[] = [];
    const logged: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (note) => void updated.push(note.params.uri));
    client.setNotificationHandler(
      LoggingMessageNotificationSchema,
      (note) => void logged.push(String(note.params.data)),
    );

    const queued = await call('generate_video', {
      model: VEO,
      prompt: 'A paper boat drifts down a rain gutter',
      duration: 4,
      camera: { move: 'push-in', strength: 0.5 },
      title: 'Paper boat',
    });
    expect(queued.isError, text(queued)).toBeFalsy();
    const jobId = String(data(queued)['jobId']);
    expect(data(queued)).toMatchObject({ cost: 0.32, spent: 0.32, ceiling: 2 });
    expect(text(queued)).toContain('$0.32');
    await client.subscribeResource({ uri: `reelbench://job/${jobId}` });

    const done = await settled(jobId);
    expect(done).toMatchObject({ phase: 'done' });
    const file = String(done['path']);
    expect(existsSync(file)).toBe(true);
    expect(fake.count('generate', 'POST')).toBe(1);
    // The camera went as words in Veo's terms after the creator's prompt.
    expect([...fake.tasks.values()][0]?.generation.body['prompt']).toMatch(
      /^A paper boat drifts down a rain gutter\n\n/,
    );
    await eventually(() => updated.includes(`reelbench://job/${jobId}`), 'the job resource to be announced');
    await eventually(() => logged.some((line) => line.includes(`Job ${jobId} ended: done`)), 'the end to be logged');

    const found = data(await call('search_library', { query: 'paper boat' }));
    expect(found).toMatchObject({ total: 1, videos: [{ id: done['videoId'], path: file, title: 'Paper boat' }] });
    const video = data(await call('get_video', { id: String(done['videoId']) }));
    expect(video['video']).toMatchObject({ path: file, model: VEO });

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain(`reelbench://video/${String(done['videoId'])}`);
    const read = await client.readResource({ uri: `reelbench://video/${String(done['videoId'])}` });
    const content = read.contents[0];
    expect(JSON.parse(content && 'text' in content ? content.text : '{}')).toMatchObject({ path: file });
  });

  it('makes a storyboard from a script, generates its shots and exports the film only where the user allowed', async () => {
    const fake = await cli.startFake();
    const exportDir = path.join(cli.dir, 'exports');
    await mkdir(exportDir);
    await config('mcp.export-dir', exportDir);
    fake.chat.script({
      kind: 'text',
      text: JSON.stringify({
        title: 'Harbour',
        characters: [],
        shots: [
          {
            prompt: 'Gulls over a harbour at dawn.',
            duration: 4,
            shape: '16:9',
            camera: '',
            continuity: '',
            characters: [],
          },
          {
            prompt: 'A ferry leaves the quay.',
            duration: 4,
            shape: '16:9',
            camera: '',
            continuity: '',
            characters: [],
          },
        ],
      }),
    });
    await connect();
    const made = await call('create_storyboard_from_script', {
      script: 'Dawn at the harbour. Gulls. The ferry leaves.',
      video_model: VEO,
    });
    expect(made.isError, text(made)).toBeFalsy();
    const board = data(made)['board'] as { id: string; shots: unknown[] };
    expect(board.shots).toHaveLength(2);

    const generated = await call('generate_storyboard', { board_id: board.id });
    expect(generated.isError, text(generated)).toBeFalsy();
    expect(data(generated)['cost']).toBe(0.64);
    const jobs = data(generated)['jobs'] as { jobId: string }[];
    for (const job of jobs) expect(await settled(job.jobId)).toMatchObject({ phase: 'done' });

    const outside = await call('export_film', { board_id: board.id, file_name: '../escape.mp4' });
    expect(outside.isError).toBe(true);
    expect(existsSync(path.join(cli.dir, 'escape.mp4'))).toBe(false);
    const progress: number[] = [];
    const exported = (await session!.client.callTool(
      { name: 'export_film', arguments: { board_id: board.id, file_name: 'harbour.mp4' } },
      undefined,
      { onprogress: (note) => void progress.push(note.progress) },
    )) as Answer;
    // Progress came while it joined, rising, up to the end.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    expect(exported.isError, text(exported)).toBeFalsy();
    expect(data(exported)).toMatchObject({ shots: 2, copy: path.join(exportDir, 'harbour.mp4') });
    expect(existsSync(path.join(exportDir, 'harbour.mp4'))).toBe(true);
    expect(existsSync(String(data(exported)['path']))).toBe(true);
  });

  it('refuses a call past the spending ceiling with nothing sent or billed', async () => {
    const fake = await cli.startFake();
    await config('mcp.max-spend', '0.5');
    await connect();
    const first = await call('generate_video', { model: VEO, prompt: 'A kite', duration: 4 });
    expect(first.isError, text(first)).toBeFalsy();
    const second = await call('generate_video', { model: VEO, prompt: 'A second kite', duration: 4 });
    expect(second.isError).toBe(true);
    expect(data(second)).toMatchObject({
      ok: false,
      reason: 'ceiling',
      cost: 0.32,
      spent: 0.32,
      ceiling: 0.5,
      billed: false,
    });
    expect(text(second)).toContain('mcp.max-spend');
    await settled(String(data(first)['jobId']));
    expect(fake.count('generate', 'POST')).toBe(1);
    const jobs = JSON.parse((await cli.reelbench(['jobs', '--json']).done).stdout) as { jobs: unknown[] };
    expect(jobs.jobs).toHaveLength(1);
  });

  it('reads any job’s status but cancels only the jobs its own session queued', async () => {
    await cli.startFake();
    const made = await cli.reelbench(['generate', '--prompt', 'A user’s own kite', '--duration', '4', '--json']).done;
    expect(made.code, made.stderr).toBe(0);
    const usersJob = (JSON.parse(made.stdout) as { job: { id: string } }).job.id;
    await connect();
    expect(data(await call('job_status', { job_id: usersJob }))).toMatchObject({ jobId: usersJob, phase: 'done' });
    const refused = await call('cancel_job', { job_id: usersJob });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('was not queued through this MCP session');
    const own = await call('generate_video', { model: VEO, prompt: 'An assistant’s kite', duration: 4 });
    const cancelled = await call('cancel_job', { job_id: String(data(own)['jobId']) });
    expect(cancelled.isError, text(cancelled)).toBeFalsy();
    // Stopped at once, or, with its billed request already out, as soon as APIMart answers.
    expect(await settled(String(data(own)['jobId']))).toMatchObject({ phase: 'cancelled' });
  });

  it('with mcp.confirm always, asks first and goes ahead only on the token of that very call, once', async () => {
    const fake = await cli.startFake();
    await config('mcp.confirm', 'always');
    await connect();
    const args = { model: VEO, prompt: 'A lantern on a jetty', duration: 4 };
    const asked = await call('generate_video', args);
    expect(asked.isError).toBeFalsy();
    expect(data(asked)).toMatchObject({ ok: false, needsConfirmation: true, cost: 0.32, billed: false });
    const token = String(data(asked)['confirmToken']);
    expect(text(asked)).toContain(token);

    const otherCall = await call('generate_video', { ...args, duration: 8, confirm_token: token });
    expect(otherCall.isError).toBe(true);
    const confirmed = await call('generate_video', { ...args, confirm_token: token });
    expect(confirmed.isError, text(confirmed)).toBeFalsy();
    expect(data(confirmed)['jobId']).toEqual(expect.any(String));
    const again = await call('generate_video', { ...args, confirm_token: token });
    expect(again.isError).toBe(true);
    await settled(String(data(confirmed)['jobId']));
    expect(fake.count('generate', 'POST')).toBe(1);
  });

  it('refuses malformed and hostile input, and the key appears in no message, log line or error', async () => {
    const fake = await cli.startFake();
    const { client } = await connect();
    const bad = [
      await call('generate_video', { prompt: 'x', duration: 'four' }),
      await call('generate_video', { prompt: 'x'.repeat(10_001) }),
      await call('search_library', { limit: 10_000 }),
    ];
    for (const answer of bad) {
      expect(answer.isError).toBe(true);
      expect(text(answer)).toMatch(/Input validation error/);
    }
    const notes = path.join(cli.dir, 'notes.png');
    await writeFile(notes, 'this is text, not a picture');
    const fifo = path.join(cli.dir, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    const photo = path.join(cli.dir, 'photo.png');
    await sharp({ create: { width: 640, height: 360, channels: 3, background: '#335577' } })
      .png()
      .toFile(photo);
    const hostile: [Record<string, unknown>, RegExp][] = [
      [{ images: [{ role: 'first', path: '/etc/passwd' }] }, /not an image file/],
      [{ images: [{ role: 'first', path: 'photo.png' }] }, /not a full path/],
      [{ images: [{ role: 'first', path: fifo }] }, /not a regular file/],
      [{ images: [{ role: 'first', path: notes }] }, /image/i],
      [{ images: [{ role: 'first', path: `${photo}\u0000.png` }] }, /not a path/],
    ];
    for (const [extra, said] of hostile) {
      const answer = await call('generate_video', { model: VEO, prompt: 'A boat', duration: 4, ...extra });
      expect(answer.isError, JSON.stringify(extra)).toBe(true);
      expect(text(answer)).toMatch(said);
    }
    expect(data(await call('job_status', { job_id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      ok: false,
      error: { code: 'notFound' },
    });
    expect((await call('prepare_image', { path: photo, model: VEO, aspect: '9:16' })).isError).toBeFalsy();
    expect(fake.count('generate', 'POST')).toBe(0);

    // A failure whose text carries the key (a server echoing the request) comes back redacted.
    fake.inject('generate', { kind: 'status', status: 400, body: { error: { message: `bad key ${fake.apiKey}` } } });
    const failed = await call('generate_video', { model: VEO, prompt: 'A boat', duration: 4 });
    const ended = await settled(String(data(failed)['jobId']));
    expect(ended['phase']).toBe('failed');
    expect(JSON.stringify(ended)).toContain('[redacted]');
    await client.listResources();

    const logs = await readFile(path.join(cli.dir, 'data', 'logs', 'cli.log'), 'utf8').catch(() => '');
    for (const place of [session!.heard.join('\n'), session!.stderr(), logs])
      expect(place.includes(fake.apiKey)).toBe(false);
    // Nor in anything the session wrote to disk (the job's stored error, the databases' journals).
    await session!.client.close();
    for (const file of await readdir(cli.dir, { recursive: true })) {
      const full = path.join(cli.dir, file);
      if ((await stat(full)).isFile() && !full.endsWith('.png'))
        expect((await readFile(full)).includes(fake.apiKey), file).toBe(false);
    }
    expect(session!.heard.length).toBeGreaterThan(10);
  });
});
