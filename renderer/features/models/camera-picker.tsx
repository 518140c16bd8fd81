import { RadioGroup } from 'radix-ui';
import { useId } from 'react';
import { CAMERA_MOVES, type CameraIntent, type CameraMove } from '../../../shared/intent/intent-models';
import { useTranslator } from '../../i18n/use-translator';
import { RangeSlider } from '../../ui/range-slider';
import { CameraIcon } from './camera-icon';

/** Each move's name, in the window's language. */
function useMoveWords(): Readonly<Record<CameraMove | 'none', string>> {
  const { t } = useTranslator();
  return {
    none: t('camera.none'),
    static: t('camera.static'),
    'push-in': t('camera.pushIn'),
    'pull-out': t('camera.pullOut'),
    'pan-left': t('camera.panLeft'),
    'pan-right': t('camera.panRight'),
    'tilt-up': t('camera.tiltUp'),
    'tilt-down': t('camera.tiltDown'),
    orbit: t('camera.orbit'),
    'crane-up': t('camera.craneUp'),
    'crane-down': t('camera.craneDown'),
    handheld: t('camera.handheld'),
  };
}

/** Moves without a pace: a still camera and a handheld one have no strength to set. */
const PACELESS = new Set<CameraMove | 'none'>(['none', 'static', 'handheld']);

/**
 * The shot's camera move as tiles that show the move (a radiogroup: arrow keys move between them, Space chooses),
 * "Model decides" first, and how strongly it moves. The move is sent in the model's camera field where it has one,
 * else in the words its family's guide uses.
 */
export function CameraPicker({
  value,
  onChange,
}: {
  value: CameraIntent | null;
  onChange: (camera: CameraIntent | null) => void;
}) {
  const { t } = useTranslator();
  const words = useMoveWords();
  const labelId = useId();
  const chosen: CameraMove | 'none' = value?.move ?? 'none';
  const strength = value?.strength ?? 0.5;
  const paceWord = strength < 0.34 ? t('camera.slow') : strength > 0.66 ? t('camera.fast') : t('camera.steady');
  return (
    <div className="camera-picker" data-testid="camera-picker">
      <span className="field-label" id={labelId}>
        {t('camera.title')}
      </span>
      <RadioGroup.Root
        className="camera-tiles"
        aria-labelledby={labelId}
        value={chosen}
        loop
        onValueChange={(next) =>
          onChange(next === 'none' ? null : { move: next as CameraMove, strength: value?.strength ?? 0.5 })
        }
      >
        {(['none', ...CAMERA_MOVES] as const).map((move) => (
          <RadioGroup.Item
            key={move}
            value={move}
            className="camera-tile"
            data-testid={`camera-${move}`}
            title={move === 'none' ? t('camera.noneHint') : words[move]}
          >
            <CameraIcon move={move} />
            <span className="camera-tile-label">{words[move]}</span>
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      {value && !PACELESS.has(value.move) && (
        <div className="camera-strength">
          <span className="field-label">{t('camera.strength')}</span>
          <RangeSlider
            value={strength}
            min={0}
            max={1}
            step={0.1}
            label={t('camera.strength')}
            valueText={paceWord}
            testId="camera-strength"
            onChange={(next) => onChange({ move: value.move, strength: Math.round(next * 10) / 10 })}
          />
        </div>
      )}
    </div>
  );
}
