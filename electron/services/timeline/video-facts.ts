import { ALL_FORMATS, FilePathSource, Input } from 'mediabunny';
import type { FrameRate } from './editor-timeline';

/** What a timeline needs to know of a take: its picture, frame rate and length. */
export interface VideoFacts {
  readonly width: number;
  readonly height: number;
  readonly rate: FrameRate;
  readonly seconds: number;
}

/** The rates cameras and models use; a measured rate within 0.5% of one is taken to be it (29.97 is 30000/1001). */
const COMMON_RATES: readonly FrameRate[] = [
  { num: 24000, den: 1001 },
  { num: 24, den: 1 },
  { num: 25, den: 1 },
  { num: 30000, den: 1001 },
  { num: 30, den: 1 },
  { num: 48, den: 1 },
  { num: 50, den: 1 },
  { num: 60000, den: 1001 },
  { num: 60, den: 1 },
];

/** A measured frame rate as the fraction editors expect. */
export function frameRateOf(measured: number): FrameRate {
  const offBy = (rate: FrameRate) => Math.abs(rate.num / rate.den - measured) / measured;
  const nearest = [...COMMON_RATES].sort((a, b) => offBy(a) - offBy(b))[0];
  return nearest && offBy(nearest) < 0.005 ? nearest : { num: Math.max(1, Math.round(measured)), den: 1 };
}

/** Reads a video's picture size, frame rate (from its packets' timing) and length with mediabunny. */
export async function videoFacts(file: string): Promise<VideoFacts> {
  const input = new Input({ source: new FilePathSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error(`${file} has no picture`);
    const stats = await track.computePacketStats(240);
    return {
      width: await track.getDisplayWidth(),
      height: await track.getDisplayHeight(),
      rate: frameRateOf(stats.averagePacketRate),
      seconds: await input.computeDuration(),
    };
  } finally {
    input.dispose();
  }
}
