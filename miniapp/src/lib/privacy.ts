/**
 * WeChat privacy authorisation (用户隐私保护指引, base library 2.32.3+): the pure half.
 *
 * With `__usePrivacyCheck__: true` in app.json, WeChat refuses a privacy API (getLocation,
 * chooseLocation, chooseMedia/chooseImage, the camera, a phone number) until the resident has
 * agreed to the app's privacy guide. It then calls the handler registered with
 * `wx.onNeedPrivacyAuthorization(resolve, eventInfo)` and waits: the app shows its own pop-up,
 * and reports the choice with `resolve({ buttonId, event: 'agree' })` — `buttonId` being the id
 * of the button with `open-type="agreePrivacyAuthorization"` the resident tapped — or
 * `resolve({ event: 'disagree' })`. This module holds those waiting resolves and tells the
 * pop-up when to show; it knows nothing of Taro or `wx` (the caller passes them in), so its
 * logic is unit-tested (privacy.test.ts). In a browser (H5) nothing is installed and nothing
 * is ever shown.
 */

/** What WeChat's `resolve` accepts. */
export type PrivacyResolution = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
export type PrivacyResolve = (result: PrivacyResolution) => void;

/** The id of the pop-up's agree button: WeChat checks it against the tapped `agreePrivacyAuthorization` button. */
export const AGREE_BUTTON_ID = 'privacy-agree';

/** The part of `wx` the gate uses (absent on H5 and on base libraries before 2.32.3). */
export interface PrivacyHost {
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void) => void;
  requirePrivacyAuthorize?: (opts: { success?: () => void; fail?: (err: unknown) => void }) => void;
  openPrivacyContract?: (opts: { success?: () => void; fail?: (err: unknown) => void }) => void;
}

/** What the pop-up shows: hidden, or open because WeChat (or our own check) is waiting for the resident. */
export interface PrivacyState {
  open: boolean;
  /** The API or page that asked (`eventInfo.referrer`), for the pop-up's wording. */
  referrer?: string;
}

type Listener = (state: PrivacyState) => void;

/**
 * One gate per app: WeChat allows a single `onNeedPrivacyAuthorization` listener, while
 * several pages may be mounted (each with its pop-up). Every waiting resolve is answered
 * once, by the first choice the resident makes.
 */
export class PrivacyGate {
  private waiting: PrivacyResolve[] = [];
  private listeners = new Set<Listener>();
  private state: PrivacyState = { open: false };
  private installed = false;

  constructor(private readonly host: PrivacyHost | undefined) {}

  /** Registers WeChat's listener once; does nothing where the host has no privacy API (H5, old WeChat). */
  install(): boolean {
    if (this.installed || !this.host?.onNeedPrivacyAuthorization) return this.installed;
    this.host.onNeedPrivacyAuthorization((resolve, eventInfo) => this.need(resolve, eventInfo?.referrer));
    this.installed = true;
    return true;
  }

  /** WeChat is waiting for the resident's choice: show the pop-up (and tell WeChat it was shown). */
  need(resolve: PrivacyResolve, referrer?: string): void {
    this.waiting.push(resolve);
    this.set({ open: true, referrer });
    // WeChat counts the pop-up as shown only once told so (required before 'agree').
    resolve({ event: 'exposureAuthorization' });
  }

  /** The resident tapped the agree button (`open-type="agreePrivacyAuthorization"`, id `buttonId`). */
  agree(buttonId: string = AGREE_BUTTON_ID): void {
    this.answer({ event: 'agree', buttonId });
  }

  /** The resident declined: the API that asked fails, and the page carries on without it. */
  disagree(): void {
    this.answer({ event: 'disagree' });
  }

  private answer(result: PrivacyResolution): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(result);
    this.set({ open: false });
  }

  /** Follows the pop-up's state; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get current(): PrivacyState {
    return this.state;
  }

  /** Whether a pop-up is mounted to ask: without one, the caller must not wait on a choice nobody can make. */
  get hasPopup(): boolean {
    return this.listeners.size > 0;
  }

  private set(state: PrivacyState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  /**
   * Before a privacy API (location, camera/album, phone): resolves `true` once the resident has
   * agreed (at once when they already had, or where there is no privacy check: H5, old WeChat),
   * `false` when they declined. WeChat's `requirePrivacyAuthorize` shows our pop-up through the
   * listener when needed.
   */
  require(): Promise<boolean> {
    const ask = this.host?.requirePrivacyAuthorize;
    if (!this.installed || !ask) return Promise.resolve(true);
    return new Promise((resolve) => ask({ success: () => resolve(true), fail: () => resolve(false) }));
  }

  /** Opens the privacy guide the app registered with WeChat; false where there is none (H5). */
  openContract(): Promise<boolean> {
    const open = this.host?.openPrivacyContract;
    if (!open) return Promise.resolve(false);
    return new Promise((resolve) => open({ success: () => resolve(true), fail: () => resolve(false) }));
  }
}

/** The words of the pop-up for the API that asked (referrer may be empty). */
export function privacyPurpose(referrer: string | undefined): string {
  const r = referrer ?? '';
  if (/location/i.test(r)) return '查找您附近的反映地点、确定问题发生的位置';
  if (/choose(Media|Image)|camera/i.test(r)) return '拍摄或选择问题现场的照片';
  if (/phone/i.test(r)) return '留下电话，便于办理人员联系您';
  return '使用位置、相机和相册、电话反映问题';
}
