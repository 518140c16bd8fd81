import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';

/** Usage lines of the library commands. */
export const LIBRARY_USAGE = ['reelbench library list [--search Q] [--favorites] [--json]', 'reelbench library rebuild [--json]'];

/** `reelbench library list|rebuild`: the same library the app shows, from a terminal. */
export async function libraryCommand(args: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values } = parseArgs({
    args: [...rest],
    options: { search: { type: 'string' }, favorites: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, limit: { type: 'string', default: '500' } },
  });
  if (subcommand !== 'list' && subcommand !== 'rebuild') throw new UsageError(`library takes "list" or "rebuild".\n  ${LIBRARY_USAGE.join('\n  ')}`);

  const host = await context.library();
  {
    const library = host.current();
    if (subcommand === 'rebuild') {
      const report = await library.rebuild();
      if (values.json) io.out(JSON.stringify({ ok: true, ...report, root: library.root }));
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
      limit: Math.min(500, Math.max(1, Number(values.limit) || 500)),
    });
    if (values.json) {
      io.out(JSON.stringify({ ok: true, total: page.total, items: page.items.map((item) => ({ ...item, path: library.mediaFile('video', item.id) })) }));
      return EXIT.ok;
    }
    if (page.total === 0) io.out(values.search || values.favorites ? 'No videos match.' : `No videos yet in ${library.root}.`);
    for (const item of page.items) {
      const facts = [item.createdAt.slice(0, 10), item.model ?? 'imported', item.duration ? `${item.duration}s` : null, item.aspect].filter(Boolean).join(' · ');
      io.out(`${item.favorite ? '★' : ' '} ${item.title}  (${facts})`);
      io.out(`    ${library.mediaFile('video', item.id)}`);
    }
    if (page.total > page.items.length) io.out(`… and ${page.total - page.items.length} more.`);
    return EXIT.ok;
  }
}
