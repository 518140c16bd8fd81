import { useLayoutEffect, useState } from 'react';

/** The toasts' right edge and widest width (toasts.css), and their lowest place above the status bar. */
const RIGHT = 20;
const WIDEST = 460;
const LOWEST = 40;
const GAP = 12;

/**
 * How high the toasts sit: their usual place at the bottom right, unless an action bar (an element marked
 * `data-toast-avoid`: the workbench's Generate bar, the shot inspector's foot) lies under that column — then just above
 * the highest such bar, so a notice never covers the button the user is about to press. Measured again when the
 * notices change, the window is resized, or a marked bar changes size.
 */
export function useToastLift(count: number): number {
  const [bottom, setBottom] = useState(LOWEST);
  useLayoutEffect(() => {
    const measure = () => {
      const left = window.innerWidth - RIGHT - Math.min(WIDEST, window.innerWidth - 2 * RIGHT);
      let lift = LOWEST;
      for (const element of document.querySelectorAll<HTMLElement>('[data-toast-avoid]')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= left) continue;
        lift = Math.max(lift, window.innerHeight - box.top + GAP);
      }
      setBottom(lift);
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const element of document.querySelectorAll<HTMLElement>('[data-toast-avoid]')) observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [count]);
  return bottom;
}
