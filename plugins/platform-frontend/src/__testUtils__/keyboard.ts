import { UserEvent } from '@testing-library/user-event';

/**
 * Presses Tab until `target` has the focus, as a keyboard user would, and fails if it takes more than
 * `maxPresses` (the element is not in the tab order, or further away than expected).
 */
export async function tabTo(
  user: UserEvent,
  target: HTMLElement,
  maxPresses = 10,
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await user.tab();
    if (document.activeElement === target) return;
  }
  throw new Error(
    `Tab did not reach ${target.outerHTML.slice(
      0,
      120,
    )} within ${maxPresses} presses; focus is on ${
      document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'
    }`,
  );
}
