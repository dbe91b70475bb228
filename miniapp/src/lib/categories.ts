import { DEFAULT_CATEGORIES, type Category } from '@mashang/shared/categories';

const ORDER = new Map(DEFAULT_CATEGORIES.map((c, i) => [c.code, i]));

/**
 * Categories in the order residents look for them (the twelve livelihood areas
 * as 12345 lists them, then safety hazards), categories added by admins after
 * them, and "other" always last — whatever order the backend stores them in.
 */
export function sortCategories(items: readonly Category[]): Category[] {
  const rank = (c: Category) => (c.code === 'other' ? Number.MAX_SAFE_INTEGER : (ORDER.get(c.code) ?? DEFAULT_CATEGORIES.length));
  return [...items].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** What each time limit promises, in the resident's words, on the confirmation. */
export const CLOCK_PROMISES: Record<string, string> = { respond: '联系您', classify: '确定办理单位', resolve: '办结并告诉您结果', followUp: '回访，或请您评价' };
