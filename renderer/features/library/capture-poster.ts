const POSTER_WIDTH = 640;
const TIMEOUT_MS = 15_000;

function waitFor(video: HTMLVideoElement, event: 'loadedmetadata' | 'seeked'): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`the video did not become ready (${event})`)), TIMEOUT_MS);
    video.addEventListener(
      event,
      () => {
        window.clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
    video.addEventListener(
      'error',
      () => {
        window.clearTimeout(timer);
        reject(new Error('the video could not be decoded'));
      },
      { once: true },
    );
  });
}

/**
 * Captures a representative frame (a third of the way in, at most one second) as a WebP data: URL. sharp cannot
 * decode video, but the window's own player can: the frame is drawn from a hidden <video> onto a canvas.
 */
export async function capturePoster(videoUrl: string): Promise<string> {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  video.src = videoUrl;
  try {
    await waitFor(video, 'loadedmetadata');
    const seeked = waitFor(video, 'seeked');
    video.currentTime = Number.isFinite(video.duration) ? Math.min(1, video.duration / 3) : 0;
    await seeked;
    const scale = Math.min(1, POSTER_WIDTH / video.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/webp', 0.85);
  } finally {
    video.removeAttribute('src');
    video.load();
  }
}
