import { Tooltip } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

/** The app's tooltips share one provider: a short delay, and instant between neighbours. */
export function TipProvider({ children }: { children: ReactNode }) {
  return (
    <Tooltip.Provider delayDuration={400} skipDelayDuration={200}>
      {children}
    </Tooltip.Provider>
  );
}

/** A tooltip over one element (Radix Tooltip: shown on hover and on keyboard focus, Escape hides it). */
export function Tip({ content, children }: { content: ReactNode; children: ReactElement }) {
  if (content === null || content === undefined || content === '') return children;
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6} collisionPadding={8}>
          {content}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
