import { Minus, Plus } from 'lucide-react';
import type { ReactNode } from 'react';

/** A whole or decimal number in [min, max]: a field with − and + beside it (and an optional extra button). */
export function NumberStepper({
  value,
  min,
  max,
  step,
  onChange,
  id,
  testId,
  decrease,
  increase,
  extra,
}: {
  value: number | undefined;
  min: number | null;
  max: number | null;
  step: number;
  onChange: (value: number | undefined) => void;
  id?: string;
  testId?: string;
  decrease: string;
  increase: string;
  extra?: ReactNode;
}) {
  const bound = (number: number) => Math.min(max ?? number, Math.max(min ?? number, number));
  const nudge = (by: number) => onChange(bound((value ?? min ?? 0) + by));
  return (
    <div className="stepper-row">
      <div className="stepper">
        <button
          type="button"
          className="icon-only"
          aria-label={decrease}
          disabled={value !== undefined && min !== null && value <= min}
          onClick={() => nudge(-step)}
        >
          <Minus size={14} aria-hidden="true" />
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          data-testid={testId}
          min={min ?? undefined}
          max={max ?? undefined}
          step={step === 1 ? 1 : 'any'}
          value={value ?? ''}
          onChange={(event) => {
            if (event.target.value === '') return onChange(undefined);
            const number = Number(event.target.value);
            if (Number.isFinite(number)) onChange(bound(number));
          }}
        />
        <button
          type="button"
          className="icon-only"
          aria-label={increase}
          disabled={value !== undefined && max !== null && value >= max}
          onClick={() => nudge(step)}
        >
          <Plus size={14} aria-hidden="true" />
        </button>
      </div>
      {extra}
    </div>
  );
}
