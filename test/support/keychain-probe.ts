import { randomBytes } from 'node:crypto';
import { loadKeytar } from '../../electron/services/keychain/load-keytar';

/** Null when a real keychain answers a store/read/delete round trip; otherwise what went wrong. */
async function keychainProblem(): Promise<string | null> {
  const service = `Reelbench-probe-${randomBytes(4).toString('hex')}`;
  try {
    const keytar = await loadKeytar();
    await keytar.setPassword(service, 'probe', 'probe-value');
    const read = await keytar.getPassword(service, 'probe');
    await keytar.deletePassword(service, 'probe');
    return read === 'probe-value' ? null : 'the keychain did not return what was stored';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Decides whether keychain tests run. With CI=true an unreachable keychain is a failure, never a silent skip:
 * the caller throws the returned message at the top of its file.
 */
export async function keychainGate(): Promise<{ skip: boolean; failure: string | null }> {
  const problem = await keychainProblem();
  if (problem === null) return { skip: false, failure: null };
  if (process.env['CI'] === 'true') {
    return {
      skip: true,
      failure: `CI=true and the keychain tests cannot reach a keychain: ${problem}. Run them via \`npm run test:integration\` (it starts a private GNOME Keyring).`,
    };
  }
  return { skip: true, failure: null };
}
