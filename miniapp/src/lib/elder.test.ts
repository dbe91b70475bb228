import { describe, expect, it } from 'vitest';
import { elderFromStorage, pageClass } from './elder.ts';

describe('elderly mode', () => {
  it('is on only when it was switched on', () => {
    expect(elderFromStorage('1')).toBe(true);
    expect(elderFromStorage('0')).toBe(false);
    expect(elderFromStorage('')).toBe(false);
    expect(elderFromStorage(undefined)).toBe(false);
  });

  it('adds the elder class to the page root', () => {
    expect(pageClass(true, 'report')).toBe('page report elder');
    expect(pageClass(false)).toBe('page');
  });
});

describe('following the phone’s own font size (issue 13)', () => {
  it('turns 大字模式 on when WeChat’s font is larger than standard, unless the resident chose', async () => {
    const { elderMode } = await import('./elder.ts');
    expect(elderMode(undefined, 17)).toBe(false);
    expect(elderMode('', 20)).toBe(true);
    expect(elderMode(undefined, 23)).toBe(true);
    expect(elderMode('0', 23)).toBe(false);
    expect(elderMode('1', 17)).toBe(true);
    expect(elderMode(undefined, undefined)).toBe(false);
  });

  it('scales the H5 page with the browser’s default font size, never below the design, at most twice', async () => {
    const { browserFontScale } = await import('./elder.ts');
    expect(browserFontScale(16)).toBe(1);
    expect(browserFontScale(12)).toBe(1);
    expect(browserFontScale(24)).toBe(1.5);
    expect(browserFontScale(40)).toBe(2);
    expect(browserFontScale(Number.NaN)).toBe(1);
  });
});

describe('scaling the H5 root size once', () => {
  it('scales what Taro set and leaves its own size alone (no feedback through the observer)', async () => {
    const { scaledRootSize } = await import('./elder.ts');
    expect(scaledRootSize(20.8, undefined, 1.5)).toBe(31.2);
    expect(scaledRootSize(31.2, 31.2, 1.5)).toBeUndefined();
    // Taro sets a new base on resize: scaled again from that base.
    expect(scaledRootSize(20, 31.2, 1.5)).toBe(30);
    expect(scaledRootSize(Number.NaN, undefined, 1.5)).toBeUndefined();
  });
});
