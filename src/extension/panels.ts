/**
 * All open request panels, and which one commands act on: the focused
 * panel, or else the one focused last.
 */
import type { RequestPanel } from './panel';

const open = new Set<RequestPanel>();
let active: RequestPanel | undefined;

/** Tracks panel focus and lifetime. */
export const panels = {
  add(panel: RequestPanel): void {
    open.add(panel);
    active = panel;
  },
  focus(panel: RequestPanel): void {
    active = panel;
  },
  remove(panel: RequestPanel): void {
    open.delete(panel);
    if (active === panel) active = [...open].pop();
  },
  /** The panel commands act on. */
  get active(): RequestPanel | undefined {
    return active;
  },
  /** Every open panel. */
  all(): RequestPanel[] {
    return [...open];
  },
};
