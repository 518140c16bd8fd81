import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liesInside } from '../../../electron/services/security/lies-inside';

describe('liesInside: the containment test for paths from outside', () => {
  const root = path.resolve('/library');

  it('holds files and folders below the folder, including names that only begin with two dots', () => {
    for (const inside of ['clip.mp4', 'a/b/clip.mp4', '..draft.mp4', 'a/..b/c.mp4', '...', 'a/../b.mp4'])
      expect(liesInside(root, path.join(root, inside)), inside).toBe(true);
  });

  it('refuses the folder itself, its parent, siblings that share its name as a prefix, and `..` escapes', () => {
    for (const outside of [root, path.dirname(root), `${root}-evil/clip.mp4`, path.join(root, '../etc/passwd'), '/'])
      expect(liesInside(root, outside), outside).toBe(false);
  });
});
