import type { EditorClip, EditorTimeline, FrameRate } from './editor-timeline';

/**
 * OpenTimelineIO's JSON (`.otio`), as its published schemas name things (Timeline.1, Stack.1, Track.1, Clip.2, Gap.1,
 * ExternalReference.1, Marker.2, RationalTime.1, TimeRange.1): DaVinci Resolve and OTIO's own tools read it.
 */
type OtioObject = { readonly OTIO_SCHEMA: string } & Record<string, unknown>;

const rateOf = (rate: FrameRate) => rate.num / rate.den;

const time = (frames: number, rate: FrameRate): OtioObject => ({
  OTIO_SCHEMA: 'RationalTime.1',
  rate: rateOf(rate),
  value: frames,
});

const range = (start: number, frames: number, rate: FrameRate): OtioObject => ({
  OTIO_SCHEMA: 'TimeRange.1',
  start_time: time(start, rate),
  duration: time(frames, rate),
});

const gap = (frames: number, rate: FrameRate): OtioObject => ({
  OTIO_SCHEMA: 'Gap.1',
  name: '',
  source_range: range(0, frames, rate),
  effects: [],
  markers: [],
  metadata: {},
  enabled: true,
});

function clip(piece: EditorClip, rate: FrameRate): OtioObject {
  return {
    OTIO_SCHEMA: 'Clip.2',
    name: piece.name,
    source_range: range(piece.in, piece.length, rate),
    media_references: {
      DEFAULT_MEDIA: {
        OTIO_SCHEMA: 'ExternalReference.1',
        name: piece.media.id,
        target_url: piece.media.path,
        available_range: range(0, piece.media.frames, rate),
        available_image_bounds: null,
        metadata: {},
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
    effects: [],
    markers: [],
    // Editors that read OTIO's volume convention keep the level; others ignore it and play the clip as recorded.
    metadata: piece.volume === 1 ? {} : { reelbench: { volume: piece.volume } },
    enabled: true,
  };
}

/** A track of clips in time order, with gaps where nothing plays. */
function track(name: string, kind: 'Video' | 'Audio', pieces: readonly EditorClip[], rate: FrameRate): OtioObject {
  const children: OtioObject[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (piece.start > at) children.push(gap(piece.start - at, rate));
    children.push(clip(piece, rate));
    at = piece.start + piece.length;
  }
  return {
    OTIO_SCHEMA: 'Track.1',
    name,
    kind,
    source_range: null,
    children,
    effects: [],
    markers: [],
    metadata: {},
    enabled: true,
  };
}

/** The timeline as an `.otio` file's text. */
export function toOtio(timeline: EditorTimeline): string {
  const { rate } = timeline;
  const video = track('Video', 'Video', timeline.video, rate);
  const tracks: OtioObject[] = [
    {
      ...video,
      markers: timeline.markers.map((marker) => ({
        OTIO_SCHEMA: 'Marker.2',
        name: marker.name,
        marked_range: range(marker.start, marker.length, rate),
        color: 'RED',
        comment: '',
        metadata: {},
      })),
    },
    track('Take sound', 'Audio', timeline.takeSound, rate),
    track('Voice-over', 'Audio', timeline.voice, rate),
    ...timeline.music.map((bed, at) =>
      track(timeline.music.length === 1 ? 'Music' : `Music ${at + 1}`, 'Audio', bed, rate),
    ),
  ];
  const document: OtioObject = {
    OTIO_SCHEMA: 'Timeline.1',
    name: timeline.title,
    global_start_time: time(0, rate),
    metadata: { reelbench: { width: timeline.width, height: timeline.height, frames: timeline.frames } },
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      name: 'tracks',
      source_range: null,
      children: tracks,
      effects: [],
      markers: [],
      metadata: {},
      enabled: true,
    },
  };
  return `${JSON.stringify(document, null, 4)}\n`;
}
