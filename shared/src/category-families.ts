/**
 * Category families: requests filed under neighbouring categories can still be the same problem
 * (the category is the filer's guess). Hotspots (./hotspots.ts) and the risk rules' "same kind"
 * (./risk.ts) compare requests by family; a module of its own so the risk rules do not bring the
 * hotspots' code and thesaurus into the bundles that file requests.
 */
export const CATEGORY_FAMILIES: Readonly<Record<string, string>> = {
  traffic: 'transport',
  sanitation: 'cityscape',
  environment: 'cityscape',
  property: 'dwelling',
  housing: 'dwelling',
  utilities: 'dwelling',
  social_security: 'livelihood',
  health: 'livelihood',
  education: 'livelihood',
  labour: 'livelihood',
  market: 'market',
  dispute: 'dispute',
  safety_hazard: 'safety',
  other: '*',
};

/** The family of a category; an unknown code is its own family. */
export function familyOf(categoryCode: string): string {
  return CATEGORY_FAMILIES[categoryCode] ?? categoryCode;
}
