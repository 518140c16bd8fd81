import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetPath } from '../../../electron/services/app-protocol/resolve-asset';

const root = path.resolve('/opt/reelbench/out/renderer');

describe('app:// asset resolution', () => {
  it('maps app paths into the renderer folder', () => {
    expect(resolveAssetPath(root, 'app://reelbench/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'app://reelbench/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'app://reelbench/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAssetPath(root, 'app://reelbench/assets/with%20space.css')).toBe(
      path.join(root, 'assets', 'with space.css'),
    );
  });

  it('refuses anything that would leave the folder or is not ours', () => {
    for (const url of [
      'app://reelbench/../../etc/passwd',
      'app://reelbench/%2e%2e/%2e%2e/etc/passwd',
      'app://reelbench/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret',
      'app://reelbench/..%5c..%5cwindows',
      'app://reelbench/a%00.html',
      'app://reelbench/%E0%A4%A',
      'app://other/index.html',
      'https://reelbench/index.html',
      'file:///etc/passwd',
      'garbage',
    ]) {
      const resolved = resolveAssetPath(root, url);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep), url).toBe(true);
      else expect(resolved, url).toBeNull();
    }
    // An encoded slash survives URL normalization, so only the resolver stands between it and the disk.
    expect(resolveAssetPath(root, 'app://reelbench/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(resolveAssetPath(root, 'app://reelbench/a%00.html')).toBeNull();
    expect(resolveAssetPath(root, 'app://other/index.html')).toBeNull();
  });
});
