import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Character, Storyboard } from '../../../shared/boards/board-models';
import { pictureFormat, portablePicture } from '../images/portable-picture';

/** Longest side of a character image carried in an export file: enough for a face, small enough to share. */
const PACKED_SIDE = 1536;
/** The most one packed image may be once decoded from base64 (an import refuses anything larger). */
const MAX_PACKED_BYTES = 3 * 1024 * 1024;

/** A character's picture as an export file carries it (drafts' and shots' images stay on this machine). */
const packedImageSchema = z.object({
  data: z
    .string()
    .max(Math.ceil((MAX_PACKED_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
const packedBoardSchema = z.object({
  characters: z
    .array(z.object({ images: z.array(z.unknown()).max(7).default([]) }).passthrough())
    .max(50)
    .default([]),
});

/**
 * A storyboard's characters with their reference images inside the file (WebP, at most 1536 px): the faces are the
 * point of a character sheet, so they travel with it. An image that cannot be read is left out.
 */
export async function packCharacters(board: Storyboard): Promise<unknown[]> {
  return Promise.all(
    board.characters.map(async (character) => ({
      ...character,
      images: (
        await Promise.all(
          character.images.map(async (image) => {
            const bytes = await portablePicture(image.path, PACKED_SIDE);
            return bytes && bytes.length <= MAX_PACKED_BYTES
              ? [{ role: 'reference', crop: null, data: bytes.toString('base64') }]
              : [];
          }),
        )
      ).flat(),
    })),
  );
}

/**
 * The imported characters, with new ids (their images live in folders named by id) and their pictures written into
 * `imagesDir` when they are real images; the shots' references are moved to the new ids.
 */
export async function unpackCharacters(
  raw: unknown,
  board: Storyboard,
  imagesDir: string,
): Promise<Pick<Storyboard, 'characters' | 'shots'>> {
  const packed = packedBoardSchema.safeParse(raw);
  const renamed = new Map<string, string>();
  const characters: Character[] = [];
  for (const [index, character] of board.characters.entries()) {
    const id = randomUUID();
    renamed.set(character.id, id);
    const pictures = packed.success ? (packed.data.characters[index]?.images ?? []) : [];
    const images: Character['images'] = [];
    for (const picture of pictures) {
      const parsed = packedImageSchema.safeParse(picture);
      if (!parsed.success) continue;
      const bytes = Buffer.from(parsed.data.data, 'base64');
      // Only what decodes as an image is written: the file is input from someone else.
      const format = await pictureFormat(bytes);
      if (format === null) continue;
      const folder = path.join(imagesDir, 'characters', id);
      await mkdir(folder, { recursive: true });
      const file = path.join(
        folder,
        `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${format === 'jpeg' ? 'jpg' : format}`,
      );
      await writeFile(file, bytes);
      images.push({ role: 'reference', path: file, crop: null });
    }
    characters.push({ ...character, id, images });
  }
  return {
    characters,
    shots: board.shots.map((shot) => ({
      ...shot,
      characterIds: shot.characterIds.flatMap((held) => {
        const id = renamed.get(held);
        return id ? [id] : [];
      }),
    })),
  };
}
