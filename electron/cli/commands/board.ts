import { AppError } from '../../../shared/errors';
import { copyFile } from 'node:fs/promises';
import { chosenTake } from '../../../shared/boards/chosen-take';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { LibraryService } from '../../services/library/library-service';
import { exportSequence } from '../../services/boards/sequence-export';
import { parseCommandArgs } from '../cli-args';
import { boardFromScript } from './board-from-script';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';

/** The storyboard commands, as help shows them. */
export const BOARD_HELP: readonly CommandHelp[] = [
  { usage: 'reelbench board list [--json]', summary: 'The storyboards, most recently changed first.' },
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
    usage: 'reelbench board export ID --out FILE.mp4 [--json]',
    summary:
      "Joins the shots' chosen takes into one MP4 (packets copied, no re-encoding), files it in the library and copies it to FILE.mp4.",
    options: [['--out FILE.mp4', 'where to write the joined film (besides the library)']],
  },
];
const USAGE = BOARD_HELP.map((entry) => entry.usage).join('\n  ');

/** A board's id from a full id or its first characters (as `board list` prints them). */
function findBoard(boards: readonly Storyboard[], id: string): Storyboard {
  const matches = boards.filter((board) => board.id === id || board.id.startsWith(id.toLowerCase()));
  const [match] = matches;
  if (matches.length === 1 && match) return match;
  if (matches.length === 0)
    throw new AppError('notFound', `There is no storyboard "${id}".`, '`reelbench board list` shows them.');
  throw refusedValue(`"${id}" starts ${matches.length} storyboards' ids; give more of it.`);
}

const titleOf = (board: Storyboard) => board.title.trim() || 'Untitled storyboard';

/** A shot for a script: its settings, its takes, and the file it plays. */
function shotFacts(board: Storyboard, library: LibraryService) {
  return Promise.all(
    board.shots.map(async (shot, index) => {
      const take = chosenTake(shot);
      return {
        index: index + 1,
        id: shot.id,
        prompt: shot.prompt,
        model: shot.model,
        params: shot.params,
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
): Promise<number> {
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'board',
    usage: USAGE,
    positionals: 2,
    options: {
      out: { type: 'string' },
      'video-model': { type: 'string' },
      'chat-model': { type: 'string' },
    },
  });
  if (help) {
    io.out(BOARD_HELP.flatMap((entry) => formatCommandHelp(entry)).join('\n'));
    return EXIT.ok;
  }
  const [subcommand, id] = positionals;
  const scriptOnly = values['video-model'] !== undefined || values['chat-model'] !== undefined;
  if (subcommand === 'from-script') {
    if (id === undefined) throw new UsageError(`board from-script needs a script FILE.\n  ${USAGE}`);
    if (values.out) throw new UsageError(`--out goes with board export.\n  ${USAGE}`);
    const videoModel = values['video-model'];
    if (!videoModel) throw new UsageError(`board from-script needs --video-model ID.\n  ${USAGE}`);
    return boardFromScript({ file: id, videoModel, chatModel: values['chat-model'], json }, io, context, progress);
  }
  if (scriptOnly) throw new UsageError(`--video-model and --chat-model go with board from-script.\n  ${USAGE}`);
  if (subcommand !== 'list' && subcommand !== 'show' && subcommand !== 'export')
    throw new UsageError(
      `board takes "list", "show", "from-script" or "export"${subcommand ? `, not "${subcommand}"` : ''}.\n  ${USAGE}`,
    );
  if (subcommand === 'list' && id !== undefined) throw new UsageError(`board list takes no id.\n  ${USAGE}`);
  if (subcommand !== 'list' && id === undefined)
    throw new UsageError(`board ${subcommand} needs a storyboard id.\n  ${USAGE}`);
  if (subcommand === 'export' && !values.out) throw new UsageError(`board export needs --out FILE.mp4.\n  ${USAGE}`);
  if (subcommand !== 'export' && values.out) throw new UsageError(`--out goes with board export.\n  ${USAGE}`);

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
    else if (rows.length === 0) io.out('No storyboards yet: make one in the Reelbench app.');
    else
      for (const row of rows)
        io.out(
          `${row.id.slice(0, 8)}  ${row.title}  (${row.shots} shot${row.shots === 1 ? '' : 's'}, ${row.withTake} with a take, changed ${row.updatedAt.slice(0, 10)})`,
        );
    return EXIT.ok;
  }
  const board = findBoard(all, id ?? '');
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
      io.out(
        `     ${shot.model}${params ? ` ${params}` : ''} · ${shot.takes.length} take${shot.takes.length === 1 ? '' : 's'}${shot.continueFromPrevious ? ' · continues the previous shot' : ''}`,
      );
      io.out(`     ${shot.chosen?.path ?? 'no take yet'}`);
    }
    return EXIT.ok;
  }

  const out = context.userPath(values.out ?? '');
  if (!out.toLowerCase().endsWith('.mp4')) throw refusedValue(`--out names an .mp4 file, not "${values.out}".`);
  const item = await exportSequence(board, library, {
    onProgress: (fraction) => {
      if (progress.isTTY) progress.write(`\rJoining… ${Math.round(fraction * 100)}%`);
    },
  });
  if (progress.isTTY) progress.write('\r\x1b[K');
  const filed = await library.mediaFile('video', item.id);
  if (filed) await copyFile(filed, out);
  const shots = board.shots.filter((shot) => chosenTake(shot) !== null).length;
  if (json) io.out(JSON.stringify({ ok: true, out, itemId: item.id, path: filed, duration: item.duration, shots }));
  else
    io.out(
      `Joined ${shots} shot${shots === 1 ? '' : 's'} into ${out}\n  and filed it in the library: ${filed ?? item.title}`,
    );
  return EXIT.ok;
}
