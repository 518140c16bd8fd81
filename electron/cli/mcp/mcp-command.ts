import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createReelbenchMcp } from './mcp-server';
import { parseCommandArgs } from '../cli-args';
import { formatCommandHelp, type CommandHelp } from '../cli-help';
import { EXIT, type CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';

/** `reelbench mcp`, as help shows it. */
export const MCP_HELP: CommandHelp = {
  usage: 'reelbench mcp',
  summary:
    'Serves Reelbench to an AI assistant over the Model Context Protocol (stdio): models, costs, generation within a spending ceiling (mcp.max-spend, default $2 a session; mcp.confirm always asks first), jobs, the library and storyboards. An MCP client starts it; it answers on stdout until stdin closes.',
};

/** Serves MCP on stdin/stdout until the client closes stdin; the session's unfinished jobs stay for `jobs resume`. */
export async function mcpCommand(
  args: readonly string[],
  io: CliIo,
  context: CliContext,
  stdio: { readonly input: Readable; readonly output: Writable },
  version: string,
): Promise<number> {
  const { help } = parseCommandArgs(args, { command: 'mcp', usage: MCP_HELP.usage, options: {} });
  if (help) {
    io.out(formatCommandHelp(MCP_HELP).join('\n'));
    return EXIT.ok;
  }
  const mcp = await createReelbenchMcp(context, version);
  const closed = new Promise<void>((resolve) => {
    stdio.input.once('end', resolve);
    stdio.input.once('close', resolve);
  });
  await mcp.server.connect(new StdioServerTransport(stdio.input, stdio.output));
  io.err(
    `reelbench mcp: serving on stdio; spending ceiling ${String(context.settings.current().mcp.maxSpend)} USD this session.`,
  );
  await closed;
  await mcp.close();
  return EXIT.ok;
}
