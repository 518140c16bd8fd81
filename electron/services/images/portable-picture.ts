import sharp from 'sharp';

/** The most pixels a picture from someone else's file may have before it is refused unread. */
const PIXEL_LIMIT = 100_000_000;

/**
 * A picture small enough to travel inside a JSON file (a character's face in an export): upright, at most `side`
 * pixels on its longest side, WebP. Null when the file is not a readable image.
 */
export async function portablePicture(file: string, side: number): Promise<Buffer | null> {
  try {
    return await sharp(file, { limitInputPixels: PIXEL_LIMIT })
      .autoOrient()
      .resize(side, side, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 88 })
      .toBuffer();
  } catch {
    return null;
  }
}

/** The format of bytes that decode as an image Reelbench can send, else null (text, scripts, anything else). */
export async function pictureFormat(bytes: Buffer): Promise<'webp' | 'png' | 'jpeg' | null> {
  const format = await sharp(bytes, { limitInputPixels: PIXEL_LIMIT })
    .stats()
    .then(async () => (await sharp(bytes).metadata()).format)
    .catch(() => null);
  return format === 'webp' || format === 'png' || format === 'jpeg' ? format : null;
}
