import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Shot, ShotTrim, Storyboard } from '../../../shared/boards/board-models';
import { currentAudio } from '../../../shared/boards/voice-over';
import { useTranslator } from '../../i18n/use-translator';
import { useBoardsStore } from './boards-store';

/** One shot as the lanes draw it: the take it plays, how long that take is, and the part of it the film plays. */
export interface LaneClip {
  readonly shot: Shot;
  readonly index: number;
  /** The take's whole length (seconds). */
  readonly length: number;
  readonly start: number;
  readonly duration: number;
}

/** A frame at 24 fps: the smallest step of a trim from the keyboard, and the shortest a shot can be cut to. */
const FRAME = 1 / 24;

/** Seconds as a slider announces them (to the hundredth). */
const seconds = (value: number) => Math.round(value * 100) / 100;

const percent = (value: number, total: number) => `${(100 * value) / Math.max(total, 1e-6)}%`;

/**
 * The film as lanes under the player, as an editor shows it: the pictures (each shot's edges dragged, or moved a
 * frame at a time with the arrow keys, to trim it), the spoken lines where they play, and each music bed over its
 * shots — with the playhead across them.
 */
export function FilmLanes({
  board,
  clips,
  total,
  position,
}: {
  board: Storyboard;
  clips: readonly LaneClip[];
  total: number;
  position: number;
}) {
  const { t } = useTranslator();
  const lines = clips.flatMap((clip) => {
    const line = currentAudio(board, clip.shot);
    return line ? [{ clip, line }] : [];
  });
  const placed = (shotId: string | null) => (shotId === null ? null : clips.find((clip) => clip.shot.id === shotId));
  const playhead = <span className="lane-playhead" style={{ left: percent(Math.min(position, total), total) }} />;
  return (
    <div className="film-lanes" data-testid="film-lanes">
      <span className="lane-label">{t('boards.lanes.picture')}</span>
      <div className="lane-track" data-testid="lane-picture">
        {clips.map((clip) => (
          <PictureClip key={clip.shot.id} clip={clip} total={total} />
        ))}
        {playhead}
      </div>
      <span className="lane-label">{t('boards.lanes.voice')}</span>
      <div className="lane-track" data-testid="lane-voice">
        {lines.map(({ clip, line }, at) => {
          const until = lines[at + 1]?.clip.start ?? total;
          return (
            <span
              key={clip.shot.id}
              className="lane-block voice"
              style={{
                left: percent(clip.start, total),
                width: percent(Math.min(line.seconds, until - clip.start), total),
              }}
              title={line.text}
            >
              {line.text}
            </span>
          );
        })}
        {playhead}
      </div>
      {board.music.map((bed) => {
        const from = placed(bed.fromShotId);
        const to = placed(bed.toShotId);
        const start = from?.start ?? 0;
        const end = to ? to.start + to.duration : total;
        return [
          <span key={`${bed.id}-label`} className="lane-label">
            {t('boards.lanes.music')}
          </span>,
          <div key={bed.id} className="lane-track" data-testid="lane-music">
            {from !== undefined && to !== undefined && end > start && (
              <span
                className="lane-block music"
                style={{ left: percent(start, total), width: percent(Math.min(bed.seconds, end - start), total) }}
                title={bed.name}
              >
                {bed.name}
              </span>
            )}
            {playhead}
          </div>,
        ];
      })}
    </div>
  );
}

/** A shot on the picture lane, its two edges handles that trim it. */
function PictureClip({ clip, total }: { clip: LaneClip; total: number }) {
  const { t } = useTranslator();
  const { editShot } = useBoardsStore.getState();
  // While an edge is dragged, the trim as it would be; saved when the edge is let go.
  const [dragging, setDragging] = useState<ShotTrim | null>(null);
  const trim = dragging ?? clip.shot.trim;
  const out = trim.out ?? clip.length;
  const shown = Math.max(FRAME, out - trim.in);
  // Dragging the in point moves the shot's start with it (the film closes up once it is saved).
  const offset = trim.in - clip.shot.trim.in;

  const moved = (edge: 'in' | 'out', seconds: number): ShotTrim => {
    const base = clip.shot.trim;
    const baseOut = base.out ?? clip.length;
    if (edge === 'in') return { in: Math.min(Math.max(0, base.in + seconds), baseOut - FRAME), out: base.out };
    const next = Math.max(base.in + FRAME, Math.min(clip.length, baseOut + seconds));
    return { in: base.in, out: next >= clip.length - 1e-6 ? null : next };
  };
  const save = (next: ShotTrim) => {
    const round = (value: number) => Math.round(value * 1000) / 1000;
    editShot(clip.shot.id, { trim: { in: round(next.in), out: next.out === null ? null : round(next.out) } });
  };
  const startDrag = (edge: 'in' | 'out', event: PointerEvent<HTMLSpanElement>) => {
    // The edge is in the shot's block, which is in the lane: the lane's width is the film's length.
    const track = event.currentTarget.parentElement?.parentElement;
    if (!track) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const from = event.clientX;
    const perPixel = total / Math.max(1, track.getBoundingClientRect().width);
    const handle = event.currentTarget;
    const move = (next: globalThis.PointerEvent) => setDragging(moved(edge, (next.clientX - from) * perPixel));
    const end = (last: globalThis.PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      setDragging(null);
      if (last.type === 'pointerup') save(moved(edge, (last.clientX - from) * perPixel));
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  const nudge = (edge: 'in' | 'out', event: KeyboardEvent<HTMLSpanElement>) => {
    const step = event.shiftKey ? 1 : FRAME;
    const delta = event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0;
    if (delta === 0) return;
    event.preventDefault();
    save(moved(edge, delta));
  };
  const number = clip.index + 1;
  return (
    <span
      className="lane-block picture"
      data-dragging={dragging ? true : undefined}
      style={{ left: percent(clip.start + offset, total), width: percent(shown, total) }}
    >
      {(['in', 'out'] as const).map((edge) => (
        <span
          key={edge}
          className={`lane-edge ${edge}`}
          role="slider"
          tabIndex={0}
          data-testid={`lane-${edge}-${number}`}
          aria-label={t(edge === 'in' ? 'boards.lanes.inPoint' : 'boards.lanes.outPoint', { shot: number })}
          aria-valuemin={edge === 'in' ? 0 : seconds(trim.in)}
          aria-valuemax={edge === 'in' ? seconds(out) : seconds(clip.length)}
          aria-valuenow={seconds(edge === 'in' ? trim.in : out)}
          onPointerDown={(event) => startDrag(edge, event)}
          onKeyDown={(event) => nudge(edge, event)}
        />
      ))}
      <span className="lane-name">{number}</span>
    </span>
  );
}
