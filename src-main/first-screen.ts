/**
 * A sync asked while the window or page is starting (over the bridge) waits until the first
 * screen has its list: it starts `graceMs` after the first `store.list` was answered, so the
 * page paints that list before the sync's work competes with it for the CPU, or at the latest
 * `limitMs` after the bridge started, when no list was asked (a start on another page, a
 * client without a window). The list itself never waits for a sync: it is read from the saved
 * view (docs/ui.md, "First screen at scale"). The CLI's own commands never wait.
 */
export const FIRST_SCREEN_GRACE_MS = 500;
export const FIRST_SCREEN_LIMIT_MS = 2500;

export class FirstScreenGate {
  private listed = false;
  private openGate!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.openGate = resolve));

  /** `open`: no first screen to wait for (the CLI). */
  constructor(open: boolean, private readonly graceMs = FIRST_SCREEN_GRACE_MS, limitMs = FIRST_SCREEN_LIMIT_MS) {
    if (open) this.openGate();
    else setTimeout(this.openGate, limitMs).unref?.();
  }

  /** The first store list has been answered. */
  listServed(): void {
    if (this.listed) return;
    this.listed = true;
    setTimeout(this.openGate, this.graceMs).unref?.();
  }

  /** Resolves once work asked at start may begin; at once after that. */
  ready(): Promise<void> {
    return this.opened;
  }
}
