import { XMLBuilder } from 'fast-xml-parser';
import type { EditorClip, EditorMedia, EditorTimeline } from './editor-timeline';

/**
 * An MLT XML project (`.mlt`): the format of the MLT framework Kdenlive and Shotcut are built on (and `melt` renders).
 * Picture on one track, the takes' sound and the voice-over on tracks of their own, mixed together; a guide per shot.
 */
type Element = Record<string, unknown>;
type Attributes = Readonly<Record<string, string | number>>;

/** An element in fast-xml-parser's ordered form (blanks and entries of a playlist keep their order). */
function element(name: string, attributes: Attributes = {}, children: readonly Element[] = []): Element {
  const prefixed = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [`@_${key}`, String(value)]));
  return { [name]: children, ':@': prefixed };
}

const property = (name: string, value: string | number): Element =>
  element('property', { name }, [{ '#text': String(value) }]);

const producer = (media: EditorMedia): Element =>
  element('producer', { id: media.id, in: 0, out: Math.max(0, media.frames - 1) }, [
    property('resource', media.path),
    property('mlt_service', 'avformat'),
  ]);

/** A playlist of clips in time order, with blanks where nothing plays; a level other than 1 is a volume filter. */
function playlist(id: string, pieces: readonly EditorClip[]): Element {
  const children: Element[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (piece.start > at) children.push(element('blank', { length: piece.start - at }));
    const level =
      piece.volume === 1
        ? []
        : [element('filter', {}, [property('mlt_service', 'volume'), property('gain', piece.volume)])];
    children.push(
      element('entry', { producer: piece.media.id, in: piece.in, out: piece.in + piece.length - 1 }, level),
    );
    at = piece.start + piece.length;
  }
  return element('playlist', { id }, children);
}

const mix = (track: number): Element =>
  element('transition', {}, [
    property('mlt_service', 'mix'),
    property('a_track', 0),
    property('b_track', track),
    property('always_active', 1),
    property('sum', 1),
  ]);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The timeline as an `.mlt` file's text. */
export function toMlt(timeline: EditorTimeline): string {
  const media = new Map<string, EditorMedia>();
  for (const piece of [...timeline.video, ...timeline.voice, ...timeline.music.flat()])
    media.set(piece.media.id, piece.media);
  const divisor = gcd(timeline.width, timeline.height) || 1;
  const guides = timeline.markers.map((marker) => ({ comment: marker.name, pos: marker.start, type: 0 }));
  const mlt = element('mlt', { LC_NUMERIC: 'C', version: '7.12.0', title: timeline.title, producer: 'main' }, [
    element('profile', {
      description: `${timeline.width}x${timeline.height} ${(timeline.rate.num / timeline.rate.den).toFixed(3)} fps`,
      width: timeline.width,
      height: timeline.height,
      progressive: 1,
      sample_aspect_num: 1,
      sample_aspect_den: 1,
      display_aspect_num: timeline.width / divisor,
      display_aspect_den: timeline.height / divisor,
      frame_rate_num: timeline.rate.num,
      frame_rate_den: timeline.rate.den,
      colorspace: 709,
    }),
    ...[...media.values()].map(producer),
    playlist('video', timeline.video),
    playlist('takesound', timeline.takeSound),
    playlist('voice', timeline.voice),
    ...timeline.music.map((bed, at) => playlist(`musictrack${at + 1}`, bed)),
    element('tractor', { id: 'main', title: timeline.title, in: 0, out: Math.max(0, timeline.frames - 1) }, [
      property('kdenlive:docproperties.guides', JSON.stringify(guides)),
      element('track', { producer: 'video', hide: 'audio' }),
      element('track', { producer: 'takesound', hide: 'video' }),
      element('track', { producer: 'voice', hide: 'video' }),
      ...timeline.music.map((_, at) => element('track', { producer: `musictrack${at + 1}`, hide: 'video' })),
      mix(1),
      mix(2),
      ...timeline.music.map((_, at) => mix(3 + at)),
    ]),
  ]);
  const declaration = element('?xml', { version: '1.0', encoding: 'utf-8' }, [{ '#text': '' }]);
  const builder = new XMLBuilder({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  });
  return builder.build([declaration, mlt]) as string;
}
