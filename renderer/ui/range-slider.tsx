import { Slider } from 'radix-ui';

/** A value in a short range as a slider with the value beside it (Radix Slider: arrows, Page keys, Home/End). */
export function RangeSlider({
  value,
  min,
  max,
  step,
  onChange,
  label,
  valueText,
  testId,
}: {
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  label: string;
  valueText: string;
  testId?: string;
}) {
  return (
    <div className="slider-row">
      <Slider.Root
        className="slider"
        value={[value]}
        min={min}
        max={max}
        step={step}
        onValueChange={([next]) => next !== undefined && onChange(next)}
      >
        <Slider.Track className="slider-track">
          <Slider.Range className="slider-range" />
        </Slider.Track>
        <Slider.Thumb className="slider-thumb" aria-label={label} aria-valuetext={valueText} data-testid={testId} />
      </Slider.Root>
      <output className="slider-value" aria-hidden="true">
        {valueText}
      </output>
    </div>
  );
}
