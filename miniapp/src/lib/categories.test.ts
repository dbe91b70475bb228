import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '@mashang/shared/categories';
import { sortCategories } from './categories.ts';

describe('category order', () => {
  it('puts the livelihood areas in their usual order, admins’ additions after them and “other” last', () => {
    const stored = [...DEFAULT_CATEGORIES, { code: 'pets', name: '宠物管理' }].sort((a, b) => a.code.localeCompare(b.code));
    const sorted = sortCategories(stored).map((c) => c.code);
    expect(sorted.slice(0, 3)).toEqual(['sanitation', 'traffic', 'utilities']);
    expect(sorted.at(-2)).toBe('pets');
    expect(sorted.at(-1)).toBe('other');
  });
});
