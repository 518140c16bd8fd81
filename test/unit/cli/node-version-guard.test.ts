import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../../electron/cli/node-version-guard';

describe('the CLI Node version guard', () => {
  it.each(['22.12.0', '22.20.1', '24.0.0', '30.1.2'])('lets Node %s run', (version) => {
    expect(nodeVersionProblem(version)).toBeNull();
  });

  it.each(['20.20.2', '22.11.0', '18.0.0', '9.99.0'])(
    'stops Node %s with the version it needs and the one it found',
    (version) => {
      expect(nodeVersionProblem(version)).toBe(`Reelbench needs Node 22.12 or newer (this is v${version}).`);
    },
  );
});
