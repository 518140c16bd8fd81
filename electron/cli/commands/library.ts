import { AppError } from '../../../shared/errors';
import type { LibraryItem } from '../../../shared/library/library-models';
import { readVideoMetadata } from '../../services/media/video-record-io';
import type { LibraryService } from '../../services/library/library-service';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { EXIT, UsageError, type CliIo, refusedValue } from '../cli-io';
import type { CliContext } from '../cli-context';
import { requireUserFile } from '../user-files';

/** The library commands, as help shows them. */
export const LIBRARY_HELP: readonly CommandHelp[] = [
  {
    usage: 'reelbench library list [--search Q] [--favorites] [--limit N] [--json]',
    summary: 'The videos in the library, newest first (best match first with --search), with their file paths.',
    options: [
      ['--search Q', 'words in the title, prompt, tags or notes'],
      ['--favorites', 'only videos marked as favorites'],
      ['--limit N', 'at most N videos (1 to 500; default 500)'],
    ],
  },
  {
    usage: 'reelbench library rebuild [--json]',
    summary:
      "Recreates the library's catalog from the video folder and its sidecars (a lost sidecar from the video's own record).",
  },
  {
    usage: 'reelbench library meta FILE [--json]',
    summary: 'What a video file carries in its own metadata: title, comment, chapters and how Reelbench made it.',
  },
];
const USAGE = LIBRARY_HELP.map((entry) => entry.usage).join('\n  ');

/** An item for a terminal or a script: file paths, not the window's internal app:// addresses. */
async function withPaths(library: LibraryService, item: LibraryItem) {
  const { videoUrl: _video, posterUrl: _poster, referenceUrl: _reference, ...facts } = item;
  return {
    ...facts,
    path: await library.mediaFile('video', item.id),
    reference: await library.mediaFile('reference', item.id),
  };
}

/** `library meta FILE`: what the file says of itself; a file that is not a readable video is a clear failure. */
async function printVideoMetadata(file: string, io: CliIo, json: boolean): Promise<number> {
  await requireUserFile(file);
  const metadata = await readVideoMetadata(file).catch(() => {
    throw new AppError('invalidInput', `${file} is not a video Reelbench can read (MP4 or MOV).`);
  });
  if (json) {
    io.out(JSON.stringify({ ok: true, file, ...metadata }));
    return EXIT.ok;
  }
  io.out(file);
  io.out(`  length: ${metadata.duration.toFixed(2)} s`);
  if (metadata.title) io.out(`  title: ${metadata.title}`);
  if (metadata.comment && metadata.comment !== metadata.record?.prompt) io.out(`  comment: ${metadata.comment}`);
  for (const chapter of metadata.chapters) io.out(`  chapter at ${chapter.start.toFixed(2)} s: ${chapter.title}`);
  const { record } = metadata;
  if (record) {
    io.out(`  made by Reelbench ${record.appVersion} on ${record.createdAt.slice(0, 10)} with ${record.model}`);
    io.out(`  prompt: ${record.prompt}`);
    const params = Object.entries(record.params).map(([name, value]) => `${name}=${String(value)}`);
    if (params.length > 0) io.out(`  params: ${params.join(' ')}`);
    if (record.taskId) io.out(`  task: ${record.taskId}`);
    if (record.jobId) io.out(`  job: ${record.jobId}`);
  } else if (metadata.recordProblem) io.out(`  ! its Reelbench record cannot be read: ${metadata.recordProblem}`);
  else io.out('  no Reelbench record (not made by Reelbench, or made before it wrote one)');
  return EXIT.ok;
}

/** `reelbench library list|rebuild|meta`: the same library the app shows, from a terminal. */
export async function libraryCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const { values, positionals, json, help } = parseCommandArgs(args, {
    command: 'library',
    usage: USAGE,
    positionals: 2,
    options: { search: { type: 'string' }, favorites: { type: 'boolean' }, limit: { type: 'string' } },
  });
  if (help) {
    io.out(LIBRARY_HELP.flatMap((entry) => formatCommandHelp(entry)).join('\n'));
    return EXIT.ok;
  }
  const [subcommand, file] = positionals;
  if (subcommand === 'meta') {
    if (!file) throw new UsageError(`library meta needs a video file.\n  ${USAGE}`);
    return printVideoMetadata(context.userPath(file), io, json);
  }
  if (subcommand !== 'list' && subcommand !== 'rebuild')
    throw new UsageError(
      `library takes "list", "rebuild" or "meta"${subcommand ? `, not "${subcommand}"` : ''}.\n  ${USAGE}`,
    );
  if (file !== undefined) throw new UsageError(`library ${subcommand} takes no file.\n  ${USAGE}`);
  const limit = values.limit === undefined ? 500 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw refusedValue(`--limit takes a whole number from 1 to 500, not "${values.limit}".`);

  const library = (await context.library()).current();
  if (subcommand === 'rebuild') {
    const report = await library.rebuild();
    if (json) io.out(JSON.stringify({ ok: true, ...report, root: library.root }));
    else {
      const total = library.list({ limit: 1 }).total;
      io.out(`Rebuilt the catalog of ${library.root}: ${total} video${total === 1 ? '' : 's'}.`);
      for (const problem of report.problems) io.out(`  ! ${problem.path}: ${problem.message}`);
    }
    return EXIT.ok;
  }
  const page = library.list({
    ...(values.search ? { search: values.search, sort: 'relevance' as const } : {}),
    ...(values.favorites ? { favorites: true } : {}),
    limit,
  });
  if (json) {
    io.out(
      JSON.stringify({
        ok: true,
        total: page.total,
        items: await Promise.all(page.items.map((item) => withPaths(library, item))),
      }),
    );
    return EXIT.ok;
  }
  if (page.total === 0)
    io.out(values.search || values.favorites ? 'No videos match.' : `No videos yet in ${library.root}.`);
  for (const item of page.items) {
    const facts = [
      item.createdAt.slice(0, 10),
      item.model ?? 'imported',
      item.duration ? `${item.duration}s` : null,
      item.aspect,
    ]
      .filter(Boolean)
      .join(' · ');
    io.out(`${item.favorite ? '★' : ' '} ${item.title}  (${facts})`);
    io.out(`    ${await library.mediaFile('video', item.id)}`);
  }
  if (page.total > page.items.length) io.out(`… and ${page.total - page.items.length} more.`);
  return EXIT.ok;
}
