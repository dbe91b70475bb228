import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNONYMS, type Actor, type Unit } from '@mashang/shared';
import { MemoryReferenceChanges } from '../store/memory/admin-reference.ts';
import { countyScope, type CountyScope } from './scope.ts';
import { listSynonyms, removeSynonym, saveSynonym, type SynonymDeps } from './synonyms.ts';

/**
 * The thesaurus use cases on the memory twin of the reference-data port
 * (functions/src/store/memory/admin-reference.ts). On DynamoDB Local, with the hotspots'
 * thesaurus read back: tests/integration/admin-synonyms.test.ts.
 */
const UNITS: Unit[] = [
  { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'gaolanlu'] },
];
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

function world() {
  const store = new MemoryReferenceChanges();
  const deps: SynonymDeps = { store, org: store };
  const scope = (actor: Actor = admin): CountyScope => countyScope(actor, new Map(UNITS.map((u) => [u.id, u])), '2026-11-30T02:00:00.000Z');
  const events = async () =>
    (await store.audit.auditMonth('chengguan', '2026-11', 50)).map((e) => ({ action: e.action, target: e.target, ...(e.before ? { before: JSON.parse(e.before) } : {}), ...(e.after ? { after: JSON.parse(e.after) } : {}) }));
  const rows = async () => (await store.synonyms()).map((g) => g.id);
  return { store, deps, scope, events, rows };
}
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
const bundled = DEFAULT_SYNONYMS.find((g) => g.id === 'noise-dance')!;

describe('the thesaurus for admins (memory twin)', () => {
  it('adds a group with trimmed, unique terms and a create event; changing it again is an update', async () => {
    const { deps, scope, events, rows } = world();
    const { group } = await saveSynonym(deps, scope(), 'lanzhou-cold', { concept: '室温低', terms: ['冰拔凉', '冰拔凉 ', '冻成狗'], broader: '供暖' });
    expect(group).toMatchObject({ id: 'lanzhou-cold', source: 'added', terms: ['冰拔凉', '冻成狗'], enabled: true, aspect: false });
    expect(await rows()).toEqual(['lanzhou-cold']);
    await saveSynonym(deps, scope(), 'lanzhou-cold', { concept: '室温低', terms: ['冰拔凉'] });
    const log = await events();
    expect(log.map((e) => e.action).sort()).toEqual(['synonym.create', 'synonym.update']);
    expect(log.find((e) => e.action === 'synonym.update')).toMatchObject({ target: 'synonym:lanzhou-cold', before: { terms: ['冰拔凉', '冻成狗'] }, after: { terms: ['冰拔凉'] } });
    expect((await listSynonyms(deps, scope())).items.find((g) => g.id === 'lanzhou-cold')).toMatchObject({ source: 'added', terms: ['冰拔凉'] });
  });

  it('changing a bundled group stores a row replacing it, audited as an update of the default', async () => {
    const { deps, scope, events } = world();
    const { group } = await saveSynonym(deps, scope(), bundled.id, { concept: bundled.concept, terms: [...bundled.terms, '坝坝舞'] });
    expect(group).toMatchObject({ id: bundled.id, source: 'changed' });
    expect(await events()).toEqual([expect.objectContaining({ action: 'synonym.update', before: bundled })]);
  });

  it('switches a bundled group off, restores it, and deletes an added group, each audited', async () => {
    const { deps, scope, events, rows, store } = world();
    await saveSynonym(deps, scope(), 'lanzhou-cold', { concept: '室温低', terms: ['冰拔凉'] });
    expect((await removeSynonym(deps, scope(), bundled.id, false)).group).toMatchObject({ id: bundled.id, enabled: false, source: 'changed' });
    expect((await store.synonyms()).find((g) => g.id === bundled.id)).toMatchObject({ enabled: false });
    expect((await removeSynonym(deps, scope(), bundled.id, true)).group).toMatchObject({ id: bundled.id, enabled: true, source: 'default' });
    expect(await codeOf(removeSynonym(deps, scope(), bundled.id, true))).toBe('NOT_FOUND');
    expect((await removeSynonym(deps, scope(), 'lanzhou-cold', false)).group).toBeNull();
    expect(await rows()).toEqual([]);
    const log = await events();
    expect(log.map((e) => e.action).sort()).toEqual(['synonym.create', 'synonym.delete', 'synonym.disable', 'synonym.restore']);
    expect(log.find((e) => e.action === 'synonym.disable')).toMatchObject({ before: bundled, after: { ...bundled, enabled: false } });
  });

  it('refuses bad input, unknown groups and street-office admins, storing nothing', async () => {
    const { deps, scope, events, rows } = world();
    expect(await codeOf(saveSynonym(deps, scope(), 'Bad Id', { concept: '供暖', terms: ['暖气'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, scope(), 'empty', { concept: '供暖', terms: [] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, scope(), 'extra', { concept: '供暖', terms: ['暖气'], id: 'other' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, scope({ id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' }), 'street', { concept: '供暖', terms: ['暖气'] }))).toBe('FORBIDDEN');
    expect(await codeOf(removeSynonym(deps, scope(), 'no-such-group', false))).toBe('NOT_FOUND');
    expect(await rows()).toEqual([]);
    expect(await events()).toEqual([]);
  });
});
