import { useEffect, useRef, useState } from 'react';

/** Where in a video a fraction of the card's width falls, kept off the very last frame (often black). */
const timeAt = (duration: number, fraction: number) => Math.max(0, Math.min(duration - 0.05, duration * fraction));

/**
 * Hover-to-scrub over a poster: a muted video of the item, seeked to where the pointer is across the card. Mounted
 * only for the card under the pointer, so a grid of thousands keeps one decoder at most.
 */
export function ScrubPreview({ videoUrl, pointerFraction }: { videoUrl: string; pointerFraction: number }) {
  const video = useRef<HTMLVideoElement>(null);
  const fraction = useRef(pointerFraction);
  // Shown once it has a frame to show: a video that cannot be decoded leaves the poster in view, not a black box.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    fraction.current = pointerFraction;
    const element = video.current;
    if (element && Number.isFinite(element.duration) && element.readyState >= 1) {
      element.currentTime = timeAt(element.duration, pointerFraction);
    }
  }, [pointerFraction]);

  return (
    <>
      <video
        ref={video}
        className={ready ? 'scrub-video ready' : 'scrub-video'}
        src={videoUrl}
        muted
        preload="metadata"
        playsInline
        aria-hidden="true"
        // The first position is set once the video knows its length.
        onLoadedMetadata={(event) => {
          event.currentTarget.currentTime = timeAt(event.currentTarget.duration, fraction.current);
        }}
        onSeeked={() => setReady(true)}
      />
      <span className="scrub-bar" style={{ width: `${pointerFraction * 100}%` }} aria-hidden="true" />
    </>
  );
}
