import { ALL_FORMATS, FilePathSource, Input } from 'mediabunny';

/** How long a media file (video or audio) plays, read from its container by mediabunny. */
export async function mediaSeconds(file: string): Promise<number> {
  const input = new Input({ source: new FilePathSource(file), formats: ALL_FORMATS });
  try {
    return await input.computeDuration();
  } finally {
    input.dispose();
  }
}
