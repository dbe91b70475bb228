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
