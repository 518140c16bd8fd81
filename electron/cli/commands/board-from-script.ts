import { formatMoney } from '../../../shared/text/money';
import { readFile, stat } from 'node:fs/promises';
import { castOf } from '../../../shared/boards/character-cast';
import type { Storyboard } from '../../../shared/boards/board-models';
import type { SpentTokens } from '../../../shared/script/script-models';
import { MAX_SCRIPT_CHARS } from '../../../shared/script/chat-models';
import { EXIT, printable, refusedValue, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { noSuchModel } from '../cli-help';
import { requireUserFile } from '../user-files';

/** What `board from-script` was asked. */
export interface FromScriptArgs {
  readonly file: string;
  readonly videoModel: string;
  readonly chatModel: string | undefined;
  readonly json: boolean;
}

const money = (cost: number | null) => (cost === null ? 'price unknown' : `≈ ${formatMoney(cost)}`);
const tokensOf = (usage: SpentTokens) => usage.promptTokens + usage.completionTokens;

/** A shot as a line: its place, its prompt's first line, its length and shape, who is in it. */
function shotLines(board: Storyboard) {
  return board.shots.map((shot, index) => ({
    index: index + 1,
    id: shot.id,
    prompt: shot.prompt,
    model: shot.model,
    params: shot.params,
    notes: shot.notes,
    characters: castOf(board, shot).map((character) => character.name),
  }));
}

/** Reads the script: a text file, refused clearly when it is missing, not text or too long. */
async function readScript(file: string): Promise<string> {
  const info = await stat(await requireUserFile(file));
  if (info.size > MAX_SCRIPT_CHARS * 4)
    throw refusedValue(`"${file}" is too large for a script (at most ${MAX_SCRIPT_CHARS} characters).`);
  const text = await readFile(file, 'utf8');
  if (text.includes('\u0000')) throw refusedValue(`"${file}" is not a text file.`);
  return text;
}

/**
 * `reelbench board from-script FILE --video-model ID [--chat-model ID]`: the chat model breaks the script into shots
 * for the video model, checked against what it allows; the storyboard is made, nothing is generated.
 */
export async function boardFromScript(
  args: FromScriptArgs,
  io: CliIo,
  context: CliContext,
  progress: { isTTY: boolean; write(text: string): void },
): Promise<number> {
  const script = await readScript(context.userPath(args.file));
  const service = await context.script();
  const catalog = (await context.models()).current();
  if (!catalog.models.some((model) => model.id === args.videoModel)) throw noSuchModel(args.videoModel, catalog);
  const chatModel = args.chatModel ?? (await service.chatModels()).defaultModel;
  if (!chatModel) throw refusedValue('APIMart lists no chat model on this key: name one with --chat-model.');
  const estimate = service.estimate({ script, videoModel: args.videoModel, chatModel });
  // The cost is said before anything is sent (on stderr, so --json output stays one object).
  io.err(
    `Asking ${chatModel} for shots for ${args.videoModel}: about ${estimate.promptTokens + estimate.completionTokens} tokens, ${money(estimate.cost)}${estimate.maxCost === null ? '' : ` (at most ${formatMoney(estimate.maxCost)})`}.`,
  );
  const outcome = await service.breakdown(
    { script, videoModel: args.videoModel, chatModel },
    {
      onProgress: ({ attempt, shots }) => {
        if (progress.isTTY) progress.write(`\r${attempt === 2 ? 'Repairing the answer… ' : 'Writing shots… '}${shots}`);
      },
    },
  );
  if (progress.isTTY) progress.write('\r\x1b[K');
  if (outcome.kind === 'invalid') {
    if (args.json)
      io.out(
        JSON.stringify({
          ok: false,
          error: {
            code: 'malformed',
            message: 'The chat model did not answer with usable shots, even when asked again.',
          },
          problems: outcome.problems,
          raw: outcome.raw,
          tokens: tokensOf(outcome.usage),
          cost: outcome.usage.cost,
        }),
      );
    else {
      io.err('reelbench: the chat model did not answer with usable shots, even when asked again:');
      for (const problem of outcome.problems) io.err(`  - ${printable(problem)}`);
      io.err('Its answer, as it came:');
      io.err(printable(outcome.raw));
      io.err('  Try again, try another --chat-model, or make the storyboard by hand in the app. Nothing was created.');
    }
    return EXIT.failed;
  }
  const { board } = outcome;
  const shots = shotLines(board);
  if (args.json) {
    io.out(
      JSON.stringify({
        ok: true,
        board: {
          id: board.id,
          title: board.title,
          characters: board.characters.map(({ name, description }) => ({ name, description })),
          shots,
        },
        chatModel,
        tokens: tokensOf(outcome.usage),
        cost: outcome.usage.cost,
      }),
    );
    return EXIT.ok;
  }
  io.out(`${printable(board.title || 'Untitled storyboard')}  (${board.id})`);
  for (const character of board.characters)
    io.out(`  ${printable(character.name)}: ${printable(character.description)}`);
  for (const shot of shots) {
    const params = Object.entries(shot.params)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(' ');
    io.out(`  ${shot.index}. ${printable(shot.prompt)}`);
    io.out(
      `     ${shot.model}${params ? ` ${params}` : ''}${shot.characters.length > 0 ? ` · ${shot.characters.join(', ')}` : ''}`,
    );
  }
  io.out(
    `${shots.length} shot${shots.length === 1 ? '' : 's'}; ${tokensOf(outcome.usage)} tokens, ${money(outcome.usage.cost)}. Nothing was generated: edit it in the app, or \`reelbench board show ${board.id.slice(0, 8)}\`.`,
  );
  return EXIT.ok;
}
