import { describe, expect, it } from 'vitest';
import { createImageTokens } from '../../../electron/services/images/image-tokens';
import { AppError } from '../../../shared/errors';
import { imageTokenSchema } from '../../../shared/images/image-token';

describe('image tokens: the window names files only by what main gave it', () => {
  it('issues one opaque token per file and resolves only tokens it issued', () => {
    const tokens = createImageTokens();
    const token = tokens.issue('/home/ada/Pictures/face.png');
    expect(imageTokenSchema.safeParse(token).success).toBe(true);
    expect(token).not.toContain('face');
    expect(tokens.issue('/home/ada/Pictures/face.png')).toBe(token);
    expect(tokens.issue('/home/ada/Pictures/other.png')).not.toBe(token);
    expect(tokens.fileOf(token)).toBe('/home/ada/Pictures/face.png');

    const refused = (name: string) => {
      try {
        tokens.fileOf(name);
        return null;
      } catch (error) {
        return error instanceof AppError ? { code: error.code, key: error.text?.key } : error;
      }
    };
    for (const name of ['/home/ada/.ssh/id_rsa', '\\\\server\\share\\a.png', `img_${'A'.repeat(24)}`, '', token + 'x'])
      expect(refused(name)).toEqual({ code: 'invalidInput', key: 'error.image.notGranted' });
    // Another process's (or an earlier run's) tokens mean nothing here.
    expect(refused(createImageTokens().issue('/home/ada/Pictures/face.png'))).not.toBeNull();
  });

  it('swaps every image slot file for its token on the way to the window, at any depth, leaving the rest as it was', () => {
    const tokens = createImageTokens();
    const board = {
      id: 'b1',
      shots: [
        { id: 's1', prompt: 'path: /tmp', images: [{ role: 'first', path: '/data/draft-images/a.png', crop: null }] },
      ],
      characters: [{ name: 'Mara', images: [{ role: 'reference', path: '/data/draft-images/m.png', crop: null }] }],
      job: {
        request: {
          images: [{ role: 'first', path: '/data/draft-images/a.png', crop: { x: 0, y: 0, width: 1, height: 1 } }],
        },
      },
      params: { images: 2 },
    };
    const sent = tokens.forWindow(board);
    const shotImage = sent.shots[0]?.images[0];
    expect(shotImage?.path).toMatch(/^img_/);
    expect(sent.job.request.images[0]?.path).toBe(shotImage?.path);
    expect(sent.job.request.images[0]?.crop).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(tokens.fileOf(sent.characters[0]?.images[0]?.path ?? '')).toBe('/data/draft-images/m.png');
    expect(JSON.stringify(sent)).not.toContain('/data/');
    expect(sent.shots[0]?.prompt).toBe('path: /tmp');
    expect(sent.params).toEqual({ images: 2 });
    // The services' own objects are not changed.
    expect(board.shots[0]?.images[0]?.path).toBe('/data/draft-images/a.png');
    expect(tokens.forWindow([1, 'two', null, undefined])).toEqual([1, 'two', null, undefined]);
  });

  it('leaves image entries that are not file slots, and objects that are not plain data, exactly as they are', () => {
    const tokens = createImageTokens();
    const odd = [null, 'a.png', 7, { path: 42 }, { role: 'first' }];
    expect(tokens.forWindow({ images: odd }).images).toEqual(odd);
    // An object without a prototype is still data and is walked; a class instance (a Date, a Buffer) is passed as is.
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, {
      images: [{ role: 'first', path: '/data/draft-images/a.png' }],
    });
    const sentBare = tokens.forWindow(bare) as { images: { path: string }[] };
    expect(sentBare.images[0]?.path).toMatch(/^img_/);
    const when = new Date(0);
    const bytes = Buffer.from('images');
    const sent = tokens.forWindow({ when, bytes });
    expect(sent.when).toBe(when);
    expect(sent.bytes).toBe(bytes);
    class Slot {
      images = [{ path: '/data/draft-images/a.png' }];
    }
    const instance = new Slot();
    expect(tokens.forWindow(instance)).toBe(instance);
  });
});
