import {
  AppError,
  DEFAULT_SYNONYMS,
  RemoveSynonymInputSchema,
  SynonymGroupInputSchema,
  synonymViews,
  type AdminSynonymsReply,
  type SynonymGroup,
  type SynonymGroupView,
} from '@mashang/shared';
import { json, jsonBody, parseWith, pathParam, type Route } from '../http/http.ts';
import type { AuditChange } from '../ports/audit.ts';
import type { ReferenceChanges } from '../ports/admin-reference.ts';
import { adminFromEnv, scopeOf } from './context.ts';
import { requireCountyAdmin, type CountyScope } from './scope.ts';

/**
 * The hotspots' thesaurus (shared/src/synonyms.ts) for admins: the bundled groups and the
 * table's rows (`CATALOG` / `SYN#id`, pattern 40) merged, a row replacing the default of
 * its id. Saving writes a row; removing an added group deletes its row, removing a
 * default group stores it switched off, and restoring a changed default deletes the row.
 * Every write carries its audit event. Other Lambdas see a change within their
 * reference-data cache time (`REFERENCE_TTL_SECONDS`).
 */

/** What the thesaurus use cases need (the warm Lambda's AdminDeps, or memory twins in unit tests). */
export interface SynonymDeps {
  store: ReferenceChanges;
  /** The county's stored thesaurus rows (the bundled defaults apply under them). */
  org: { synonyms(): Promise<SynonymGroup[]> };
}

const ID = /^[a-z0-9-]{2,40}$/;

function idOf(raw: string): string {
  if (!ID.test(raw)) throw new AppError('VALIDATION_FAILED', '编号为2–40位小写字母、数字或连字符', [{ path: 'id', message: '编号为2–40位小写字母、数字或连字符' }]);
  return raw;
}

export async function listSynonyms(deps: SynonymDeps, _scope: CountyScope): Promise<AdminSynonymsReply> {
  return { items: synonymViews(DEFAULT_SYNONYMS, await deps.org.synonyms()) };
}

function viewOf(group: SynonymGroup): SynonymGroupView {
  return synonymViews(DEFAULT_SYNONYMS, [group]).find((v) => v.id === group.id)!;
}

/** Adds a group or changes one (a default one too: the row replaces it). */
export async function saveSynonym(deps: SynonymDeps, scope: CountyScope, rawId: string, raw: unknown): Promise<{ group: SynonymGroupView }> {
  requireCountyAdmin(scope);
  const id = idOf(rawId);
  const input = parseWith(SynonymGroupInputSchema, raw);
  const terms = [...new Set(input.terms.map((t) => t.trim()))];
  const group: SynonymGroup = { ...input, id, terms, aspect: input.aspect ?? false, enabled: input.enabled ?? true };
  const before = (await deps.org.synonyms()).find((g) => g.id === id) ?? DEFAULT_SYNONYMS.find((g) => g.id === id);
  await deps.store.saveSynonym(group, { countyId: scope.countyId, actor: scope.actor, at: scope.now, action: before ? 'synonym.update' : 'synonym.create', target: `synonym:${id}`, ...(before ? { before } : {}), after: group });
  return { group: viewOf(group) };
}

/**
 * Removes a group from the effective thesaurus: an added group's row is deleted; a default
 * group is stored switched off (`restore: true` instead deletes a changed default's row, so the
 * bundled group applies again).
 */
export async function removeSynonym(deps: SynonymDeps, scope: CountyScope, rawId: string, restore: boolean): Promise<{ group: SynonymGroupView | null }> {
  requireCountyAdmin(scope);
  const id = idOf(rawId);
  const stored = (await deps.org.synonyms()).find((g) => g.id === id);
  const bundled = DEFAULT_SYNONYMS.find((g) => g.id === id);
  if (!stored && !bundled) throw new AppError('NOT_FOUND', '同义词组不存在');
  const audit = (action: string, after?: SynonymGroup): AuditChange => ({ countyId: scope.countyId, actor: scope.actor, at: scope.now, action, target: `synonym:${id}`, before: stored ?? bundled, ...(after ? { after } : {}) });
  if (restore || !bundled) {
    if (!stored) throw new AppError('NOT_FOUND', '该同义词组未修改过，无需恢复');
    await deps.store.deleteSynonym(id, audit(bundled ? 'synonym.restore' : 'synonym.delete'));
    return { group: bundled ? { ...bundled, source: 'default' } : null };
  }
  const off: SynonymGroup = { ...(stored ?? bundled!), enabled: false };
  await deps.store.saveSynonym(off, audit('synonym.disable', off));
  return { group: viewOf(off) };
}

export const synonymRoutes: Record<string, Route> = {
  'GET /api/admin/synonyms': async (_event, { actor }) => {
    const deps = adminFromEnv();
    return json(200, await listSynonyms(deps, await scopeOf(deps, await actor())));
  },
  'PUT /api/admin/synonyms/{id}': async (event, { actor }) => {
    const deps = adminFromEnv();
    return json(200, await saveSynonym(deps, await scopeOf(deps, await actor()), pathParam(event, 'id'), jsonBody(event)));
  },
  'POST /api/admin/synonyms/{id}/remove': async (event, { actor }) => {
    const deps = adminFromEnv();
    const { restore } = parseWith(RemoveSynonymInputSchema, jsonBody(event));
    return json(200, await removeSynonym(deps, await scopeOf(deps, await actor()), pathParam(event, 'id'), restore));
  },
};
