import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { OUT_DIR } from './build-output';

/** The built `reelbench` command-line tool. */
export const CLI = path.join(OUT_DIR, 'main', 'cli.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI under plain Node (no Electron) to completion, with its data folder at `dataDir`. */
export async function runCli(dataDir: string, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, REELBENCH_DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
