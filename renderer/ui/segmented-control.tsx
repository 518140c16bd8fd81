import { ToggleGroup } from 'radix-ui';
import type { ReactNode } from 'react';

/** One segment: its value, what it says, and an optional test id and icon. */
export interface Segment {
  readonly value: string;
  readonly label: string;
  readonly testId?: string;
  readonly icon?: ReactNode;
}

/**
 * Short choices side by side, exactly one chosen (Radix ToggleGroup, single: a radiogroup of radios, arrow keys move
 * between them). Choosing the chosen one again keeps it: a segmented control never ends up with nothing chosen.
 */
export function SegmentedControl({
  value,
  segments,
  onChange,
  labelledBy,
}: {
  value: string;
  segments: readonly Segment[];
  onChange: (value: string) => void;
  labelledBy: string;
}) {
  return (
    <ToggleGroup.Root
      type="single"
      className="segmented"
      value={value}
      aria-labelledby={labelledBy}
      onValueChange={(next) => next !== '' && onChange(next)}
    >
      {segments.map((segment) => (
        <ToggleGroup.Item
          key={segment.value}
          value={segment.value}
          className="segment"
          data-testid={segment.testId}
          aria-label={segment.icon ? segment.label : undefined}
        >
          {segment.icon}
          {segment.label}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
