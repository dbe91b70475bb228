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
