/**
 * Elderly-friendly mode (长辈模式): large type, strong contrast, fewer fields.
 * The pure half; the hook that remembers it on the phone is use-elder.ts.
 */

/** Storage key of the mode on this phone. */
export const ELDER_KEY = 'mashang.elder';

/** Whether the stored value turns the mode on ('1'; anything else, including nothing, is off). */
export const elderFromStorage = (raw: unknown): boolean => raw === '1' || raw === 1 || raw === true;

/** The page root's class names. */
export const pageClass = (elder: boolean, extra = ''): string => ['page', extra, elder ? 'elder' : ''].filter(Boolean).join(' ');

/** WeChat's standard font size (`fontSizeSetting`, px): a larger setting means the resident wants large type. */
export const WECHAT_STANDARD_FONT_PX = 17;

/**
 * The mode on this phone: the resident's own choice when they made one ('1' or '0'), else
 * WeChat's font-size setting decides (on when it is larger than standard), so a resident who
 * enlarged WeChat's type gets 大字模式 without looking for the switch.
 */
export function elderMode(stored: unknown, fontSizeSetting: unknown): boolean {
  if (stored === '1' || stored === 1 || stored === true) return true;
  if (stored === '0' || stored === 0 || stored === false) return false;
  return typeof fontSizeSetting === 'number' && fontSizeSetting > WECHAT_STANDARD_FONT_PX;
}

/**
 * H5: how much larger than the design the page's rem should be, from the browser's default
 * font size (`medium`, 16 px unless the resident chose larger): never smaller than the design,
 * at most twice it (beyond that a phone shows one word per line).
 */
export function browserFontScale(defaultFontPx: number): number {
  if (!Number.isFinite(defaultFontPx) || defaultFontPx <= 16) return 1;
  return Math.min(2, defaultFontPx / 16);
}

/**
 * The root font size (px) to set after the root's style changed to `current`, or undefined when
 * `current` is the size applied last (our own change coming back through the observer): so a
 * size is scaled once, never again and again.
 */
export function scaledRootSize(current: number, lastApplied: number | undefined, scale: number): number | undefined {
  if (!Number.isFinite(current) || current <= 0) return undefined;
  if (lastApplied !== undefined && Math.abs(current - lastApplied) < 0.01) return undefined;
  return Math.round(current * scale * 100) / 100;
}
