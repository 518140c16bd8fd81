import { AppError } from '../../../shared/errors';
import { cameraMoveWords } from '../../../shared/intent/camera-words';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { LibraryService } from '../../services/library/library-service';
import { parseCommandArgs } from '../cli-args';
import { exportBoardFilm } from '../board-film-export';
import { boardFromScript } from './board-from-script';
import { addShot, generateBoard, newBoard } from './board-edit';
import { addMusic, transcribeShot, voiceLine, writeSubtitles } from './board-sound';
import { recastBoard, type Answerer } from './board-recast';
import { GENERATE_OPTIONS, timeoutFrom } from './generate';
import { requestFlagsOf } from '../request-flags';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';

/** The storyboard commands, as help shows them. */
export const BOARD_HELP: readonly CommandHelp[] = [
  { usage: 'reelbench board list [--json]', summary: 'The storyboards, most recently changed first.' },
  { usage: 'reelbench board new TITLE [--json]', summary: 'Makes an empty storyboard and prints its id.' },
  {
    usage:
      'reelbench board add ID --prompt TEXT [--model ID] [--duration N] [--aspect A] [--resolution R] [--set NAME=VALUE]… [--image FILE] [--first-frame FILE] [--last-frame FILE] [--ref FILE]… [--camera MOVE[:S]] [--json]',
    summary:
      "Adds a shot at the end, with generate's options (checked against the model before it is saved; the model defaults to the previous shot's). --camera is kept as the shot's move and written in the model's terms when it is sent.",
  },
  {
    usage: 'reelbench board generate ID [--shot N]… [--timeout S] [--json]',
    summary:
      'Says what each shot costs and the total, queues the shots as billed jobs (the numbered ones, else every shot without a take) and watches them into the library.',
    options: [
      ['--shot N', 'only shot N (as `board show` numbers them); repeatable'],
      ['--timeout S', 'stop watching after S seconds (exit 1; the jobs are kept for `jobs resume`)'],
    ],
  },
  {
    usage: 'reelbench board recast ID --model M [--dry-run] [--yes] [--timeout S] [--json]',
    summary:
      "Shows every shot's request now and on model M side by side (lengths snapped to what M offers, shapes, resolutions, camera and images mapped, each change with why) and the cost before and after; then moves the shots onto M and generates a new take of each (billed; old takes stay). Asks first at a terminal; elsewhere applying needs --yes.",
    options: [
      ['--model M', 'the model to recast onto (`reelbench models` lists them)'],
      ['--dry-run', 'show the table only; nothing is changed or billed'],
      ['--yes', 'apply without asking (needed without a terminal)'],
      ['--timeout S', 'stop watching the new takes after S seconds (exit 1; the jobs are kept for `jobs resume`)'],
    ],
  },
  {
    usage: 'reelbench board show ID [--json]',
    summary: 'A storyboard: its shots in order, their models and takes, and the video each shot plays.',
  },
  {
    usage: 'reelbench board from-script FILE --video-model ID [--chat-model ID] [--json]',
    summary:
      'Asks a chat model on your key to break the script into shots for the video model and makes them a storyboard (the tokens are billed; no video is generated).',
    options: [
      ['--video-model ID', 'the video model the shots are written for (their lengths and shapes follow it)'],
      ['--chat-model ID', 'the chat model that writes them (default: the first listed, gpt-4o-mini when offered)'],
    ],
  },
  {
    usage: 'reelbench board voice ID --shot N [--line TEXT] [--voice V] [--speed S] [--json]',
    summary:
      "Sets shot N's line of voice-over (or keeps the one it has) and speaks it through APIMart's speech model (billed per line; a line already spoken as it stands is not sent again).",
    options: [
      ['--line TEXT', 'the words (up to 4,096 characters)'],
      ['--voice V', "alloy, echo, fable, onyx, nova or shimmer (default: the speaker's voice, else the narrator's)"],
      ['--speed S', 'from 0.25 to 4 (1 is normal)'],
    ],
  },
  {
    usage: 'reelbench board music ID FILE [--json]',
    summary:
      "Puts a music or sound file (WAV, MP3, M4A, FLAC, Ogg) under the whole film: copied into the board's folder, faded in and out, lowered under voice-over.",
  },
  {
    usage: 'reelbench board transcribe ID --shot N [--json]',
    summary:
      "Hears the dialogue in shot N's take through APIMart's transcription model (billed) and keeps it as the shot's subtitles.",
  },
  {
    usage: 'reelbench board subtitles ID --out FILE.srt [--json]',
    summary: "Writes the film's subtitles from its spoken lines, timed to the shots (.srt, or .vtt by the name).",
  },
  {
    usage: 'reelbench board export ID --out FILE.mp4 [--timeline otio|mlt] [--json]',
    summary:
      "Joins the shots' chosen takes into one MP4 (packets copied, no re-encoding) with a subtitle track from the spoken lines, files it in the library and copies it to FILE.mp4, with FILE.srt and FILE.vtt beside it. The takes keep their own sound and play whole: voice-over, music, volumes and trims are mixed and applied by the window's export.",
    options: [
      ['--out FILE.mp4', 'where to write the joined film (besides the library)'],
      [
        '--timeline otio|mlt',
        'also a timeline for an editor beside it (FILE.otio for DaVinci Resolve, FILE.mlt for Kdenlive and Shotcut), its media in FILE-media/',
      ],
    ],
  },
];
const USAGE = BOARD_HELP.map((entry) => entry.usage).join('\n  ');
const SUBCOMMANDS: readonly string[] = [
  'list',
  'new',
  'add',
  'show',
  'generate',
  'recast',
  'voice',
  'music',
  'transcribe',
  'subtitles',
  'from-script',
  'export',
];

/** No one to ask: a command run from a script answers nothing. */
const NO_TERMINAL: Answerer = { isTTY: false, stream: (async function* () {})() };

/** A board's id from a full id or its first characters (as `board list` prints them). */
export function findBoard(boards: readonly Storyboard[], id: string): Storyboard {
  const matches = boards.filter((board) => board.id === id || board.id.startsWith(id.toLowerCase()));
  const [match] = matches;
  if (matches.length === 1 && match) return match;
  if (matches.length === 0)
    throw new AppError('notFound', `There is no storyboard "${id}".`, '`reelbench board list` shows them.');
  throw refusedValue(`"${id}" starts ${matches.length} storyboards' ids; give more of it.`);
}

const titleOf = (board: Storyboard) => board.title.trim() || 'Untitled storyboard';

/** Each shot as `board show --json` and the MCP server say it: its settings, its takes, and the file it plays. */
export function shotFacts(board: Storyboard, library: LibraryService) {
  return Promise.all(
    board.shots.map(async (shot, index) => {
      const take = chosenTake(shot);
      return {
        index: index + 1,
        id: shot.id,
        prompt: shot.prompt,
        model: shot.model,
        params: shot.params,
        camera: shot.camera,
        continueFromPrevious: shot.continueFromPrevious,
        takes: await Promise.all(
          shot.takes.map(async (candidate) => ({
            jobId: candidate.jobId,
            itemId: candidate.itemId,
            path: candidate.itemId ? await library.mediaFile('video', candidate.itemId) : null,
          })),
        ),
        chosen: take
          ? { jobId: take.jobId, itemId: take.itemId, path: await library.mediaFile('video', take.itemId) }
          : null,
      };
    }),
  );
}

/** `reelbench board list|show|export`: the app's storyboards from a terminal. */
export async function boardCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  progress: { isTTY: boolean; write(text: string): void },
  stdin: Answerer = NO_TERMINAL,
): Promise<number> {
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'board',
    usage: USAGE,
    positionals: 3,
    options: {
      ...GENERATE_OPTIONS,
      out: { type: 'string' },
      'video-model': { type: 'string' },
      'chat-model': { type: 'string' },
      shot: { type: 'string', multiple: true },
      line: { type: 'string' },
      timeline: { type: 'string' },
      voice: { type: 'string' },
      speed: { type: 'string' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
    },
  });
  if (help) {
    io.out(BOARD_HELP.flatMap((entry) => formatCommandHelp(entry)).join('\n'));
    return EXIT.ok;
  }
  const [subcommand, id, third] = positionals;
  if (third !== undefined && subcommand !== 'music')
    throw new UsageError(`board ${subcommand ?? ''} takes one id, not "${third}" after it.\n  ${USAGE}`);
  const scriptOnly = values['video-model'] !== undefined || values['chat-model'] !== undefined;
  if (subcommand === 'from-script') {
    if (id === undefined) throw new UsageError(`board from-script needs a script FILE.\n  ${USAGE}`);
    if (values.out) throw new UsageError(`--out goes with board export.\n  ${USAGE}`);
    const videoModel = values['video-model'];
    if (!videoModel) throw new UsageError(`board from-script needs --video-model ID.\n  ${USAGE}`);
    return boardFromScript({ file: id, videoModel, chatModel: values['chat-model'], json }, io, context, progress);
  }
  if (scriptOnly) throw new UsageError(`--video-model and --chat-model go with board from-script.\n  ${USAGE}`);
  const shotOptions = [
    'prompt',
    'model',
    'duration',
    'aspect',
    'resolution',
    'set',
    'image',
    'first-frame',
    'last-frame',
    'ref',
  ] as const;
  const given = (names: readonly (keyof typeof values)[]) => names.filter((name) => values[name] !== undefined);
  const misplaced = [
    ...(subcommand === 'add' ? [] : given(shotOptions.filter((name) => subcommand !== 'recast' || name !== 'model'))),
    ...(subcommand === 'generate' || subcommand === 'recast' ? [] : given(['timeout'])),
    ...(subcommand === 'recast' ? [] : given(['dry-run', 'yes'])),
    ...(subcommand === 'generate' || subcommand === 'voice' || subcommand === 'transcribe' ? [] : given(['shot'])),
    ...(subcommand === 'voice' ? [] : given(['line', 'voice', 'speed'])),
    ...(subcommand === 'export' ? [] : given(['timeline'])),
    ...given(['title']),
  ];
  if (misplaced.length > 0 && SUBCOMMANDS.includes(subcommand ?? ''))
    throw new UsageError(`board ${subcommand} takes no --${misplaced.join(', --')}.\n  ${USAGE}`);
  if (subcommand === 'new') {
    if (!id?.trim()) throw new UsageError(`board new needs a TITLE.\n  ${USAGE}`);
    return newBoard(id, io, context, json);
  }
  if (!SUBCOMMANDS.includes(subcommand ?? ''))
    throw new UsageError(
      `board takes ${SUBCOMMANDS.map((name) => `"${name}"`).join(', ')}${subcommand ? `, not "${subcommand}"` : ''}.\n  ${USAGE}`,
    );
  if (subcommand === 'list' && id !== undefined) throw new UsageError(`board list takes no id.\n  ${USAGE}`);
  if (subcommand !== 'list' && id === undefined)
    throw new UsageError(`board ${subcommand} needs a storyboard id.\n  ${USAGE}`);
  if (subcommand === 'export' && !values.out) throw new UsageError(`board export needs --out FILE.mp4.\n  ${USAGE}`);
  if (subcommand === 'subtitles' && !values.out)
    throw new UsageError(`board subtitles needs --out FILE.srt.\n  ${USAGE}`);
  if (subcommand !== 'export' && subcommand !== 'subtitles' && values.out)
    throw new UsageError(`--out goes with board export and board subtitles.\n  ${USAGE}`);
  const shotNumbers = values.shot ?? [];
  if ((subcommand === 'voice' || subcommand === 'transcribe') && shotNumbers.length !== 1)
    throw new UsageError(`board ${subcommand} needs one --shot N.\n  ${USAGE}`);

  const boards = await context.boards();
  const library = (await context.library()).current();
  const all = boards.list();
  if (subcommand === 'list') {
    const rows = all.map((board) => ({
      id: board.id,
      title: titleOf(board),
      shots: board.shots.length,
      withTake: board.shots.filter((shot) => chosenTake(shot) !== null).length,
      updatedAt: board.updatedAt,
    }));
    if (json) io.out(JSON.stringify({ ok: true, boards: rows }));
    else if (rows.length === 0)
      io.out('No storyboards yet: `reelbench board new TITLE` makes one (or make one in the Reelbench app).');
    else
      for (const row of rows)
        io.out(
          `${row.id.slice(0, 8)}  ${row.title}  (${row.shots} shot${row.shots === 1 ? '' : 's'}, ${row.withTake} with a take, changed ${row.updatedAt.slice(0, 10)})`,
        );
    return EXIT.ok;
  }
  const board = findBoard(all, id ?? '');
  if (subcommand === 'add') {
    if (!values.prompt) throw new UsageError(`board add needs --prompt.\n  ${USAGE}`);
    return addShot(
      board,
      { ...requestFlagsOf(values), prompt: values.prompt, model: values.model },
      USAGE,
      io,
      context,
      json,
    );
  }
  if (subcommand === 'generate')
    return generateBoard(
      board,
      {
        shots: shotNumbers,
        timeoutMs: timeoutFrom(values.timeout),
        ...(values.timeout ? { timeout: values.timeout } : {}),
      },
      io,
      context,
      progress,
      json,
    );
  if (subcommand === 'recast') {
    if (!values.model) throw new UsageError(`board recast needs --model M.\n  ${USAGE}`);
    return recastBoard(
      board,
      {
        model: values.model,
        dryRun: values['dry-run'] === true,
        yes: values.yes === true,
        timeoutMs: timeoutFrom(values.timeout),
        ...(values.timeout ? { timeout: values.timeout } : {}),
      },
      io,
      context,
      progress,
      stdin,
      json,
    );
  }
  if (subcommand === 'voice')
    return voiceLine(
      board,
      { shot: shotNumbers[0] ?? '', line: values.line, voice: values.voice, speed: values.speed },
      io,
      context,
      json,
    );
  if (subcommand === 'subtitles') return writeSubtitles(board, values.out ?? '', io, context, json);
  if (subcommand === 'transcribe') return transcribeShot(board, shotNumbers[0] ?? '', io, context, json);
  if (subcommand === 'music') {
    if (third === undefined) throw new UsageError(`board music needs a FILE.\n  ${USAGE}`);
    return addMusic(board, third, io, context, json);
  }
  if (subcommand === 'show') {
    const shots = await shotFacts(board, library);
    if (json) {
      io.out(
        JSON.stringify({ ok: true, board: { id: board.id, title: titleOf(board), updatedAt: board.updatedAt, shots } }),
      );
      return EXIT.ok;
    }
    io.out(`${titleOf(board)}  (${board.id})`);
    if (shots.length === 0) io.out('  No shots yet.');
    for (const shot of shots) {
      const params = Object.entries(shot.params)
        .map(([name, value]) => `${name}=${String(value)}`)
        .join(' ');
      io.out(`  ${shot.index}. ${shot.prompt.trim().split('\n')[0] || '(no prompt)'}`);
      const camera = shot.camera ? ` · camera ${cameraMoveWords(shot.camera.move)} (${shot.camera.strength})` : '';
      io.out(
        `     ${shot.model}${params ? ` ${params}` : ''}${camera} · ${shot.takes.length} take${shot.takes.length === 1 ? '' : 's'}${shot.continueFromPrevious ? ' · continues the previous shot' : ''}`,
      );
      io.out(`     ${shot.chosen?.path ?? 'no take yet'}`);
    }
    return EXIT.ok;
  }

  const out = context.userPath(values.out ?? '');
  if (!out.toLowerCase().endsWith('.mp4')) throw refusedValue(`--out names an .mp4 file, not "${values.out}".`);
  const timelineFormat = values.timeline;
  if (timelineFormat !== undefined && timelineFormat !== 'otio' && timelineFormat !== 'mlt')
    throw refusedValue(`--timeline takes otio or mlt, not "${timelineFormat}".`);
  const exported = await exportBoardFilm(board, context, {
    out,
    timeline: timelineFormat ?? null,
    onProgress: (fraction) => {
      if (progress.isTTY) progress.write(`\rJoining… ${Math.round(fraction * 100)}%`);
    },
  });
  if (progress.isTTY) progress.write('\r\x1b[K');
  const { item, filed, subtitles, timeline, shots, notMixed } = exported;
  if (json)
    io.out(
      JSON.stringify({
        ok: true,
        out,
        itemId: item.id,
        path: filed,
        duration: item.duration,
        shots,
        subtitles,
        notMixed,
        ...(timeline ? { timeline: timeline.file, media: timeline.mediaDir } : {}),
      }),
    );
  else {
    io.out(
      `Joined ${shots} shot${shots === 1 ? '' : 's'} into ${out}\n  and filed it in the library: ${filed ?? item.title}`,
    );
    if (subtitles.length > 0) io.out(`Subtitles (also inside the film): ${subtitles.join(', ')}`);
    if (timeline) io.out(`Timeline for an editor: ${timeline.file}\n  its media: ${timeline.mediaDir}`);
    if (notMixed.length > 0)
      io.out(
        `Note: this film has the takes' own sound and plays each take whole; ${notMixed.join(', ')} ${notMixed.length === 1 ? 'is' : 'are'} mixed and applied when the film is exported from the Reelbench window (the takes' sound is decoded by its media engine), or use --timeline for an editor.`,
      );
  }
  return EXIT.ok;
}
