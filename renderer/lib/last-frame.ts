/**
 * The exact last frame of a video as a PNG data: URL, decoded with WebCodecs through mediabunny (loaded only when
 * first needed: it stays out of the window's first bundle). A <video> seeked near its end may stop a frame or two
 * early; the decoder gives the frame the clip actually ends on.
 */
export async function lastFrameOf(videoUrl: string): Promise<string> {
  const { ALL_FORMATS, Input, UrlSource, VideoSampleSink } = await import('mediabunny');
  const input = new Input({ formats: ALL_FORMATS, source: new UrlSource(videoUrl) });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error('This video has no picture track.');
    const sample = await new VideoSampleSink(track).getSample(await track.computeDuration());
    if (!sample) throw new Error('This video has no frame to take.');
    try {
      const canvas = document.createElement('canvas');
      canvas.width = sample.displayWidth;
      canvas.height = sample.displayHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('The window cannot draw the frame.');
      sample.draw(context, 0, 0);
      return canvas.toDataURL('image/png');
    } finally {
      sample.close();
    }
  } finally {
    input.dispose();
  }
}
