import type { CameraMove } from '../../../shared/intent/intent-models';

/**
 * A move drawn as what the frame sees: a horizon and a subject inside the frame, moving as the camera would make them
 * move (the scene grows as the camera pushes in, slides right as it pans left). The motion plays while the tile is
 * hovered, focused or chosen (camera.css), and not at all for people who ask for reduced motion.
 */
export function CameraIcon({ move }: { move: CameraMove | 'none' }) {
  return (
    <svg className="camera-icon" viewBox="0 0 48 32" aria-hidden="true" focusable="false">
      <defs>
        <clipPath id={`camera-frame-${move}`}>
          <rect x="2" y="2" width="44" height="28" rx="3" />
        </clipPath>
      </defs>
      <g clipPath={`url(#camera-frame-${move})`}>
        <g className={`camera-scene camera-scene-${move}`}>
          <rect x="-8" y="19" width="64" height="16" className="camera-ground" />
          <circle cx="24" cy="14" r="5" className="camera-subject" />
          <rect x="22" y="18" width="4" height="6" rx="1" className="camera-subject" />
        </g>
      </g>
      <rect x="2" y="2" width="44" height="28" rx="3" className="camera-frame" />
      {move === 'none' && <path d="M8 26 L40 6" className="camera-none" />}
    </svg>
  );
}
