import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThesaurus, conceptsIn, DEFAULT_SYNONYMS, mergeSynonyms, type Actor, type Thesaurus } from '@mashang/shared';
import { listAudit } from '../../functions/src/admin/audit.ts';
import type { AdminDeps } from '../../functions/src/admin/context.ts';
import { countyScope } from '../../functions/src/admin/scope.ts';
import { listSynonyms, removeSynonym, saveSynonym } from '../../functions/src/admin/synonyms.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { ThesaurusData } from '../../functions/src/app/supervision/thesaurus.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * The thesaurus for admins on DynamoDB Local: the list merges the bundled groups and the
 * table's rows; adding, changing, switching off and restoring write one row (or delete it)
 * with its audit event in one transaction; bad input is refused with a code and changes
 * nothing; the next thesaurus read (what hotspots use) has the change.
 */
let h: Harness;
let deps: AdminDeps;
/** The hotspots' thesaurus as the supervision function reads it (functions/src/app/supervision-runtime.ts), not cached. */
let thesaurus: () => Promise<Thesaurus>;
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const streetAdmin: Actor = { id: 'gll-admin', role: 'admin', unitId: 'gaolanlu', name: '街道管理员' };

beforeAll(async () => {
  h = await createHarness('2026-11-30T02:00:00.000Z');
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const service = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0 });
  deps = { store: new AdminStore(db, h.tableName), org: h.org, tickets: h.tickets, service, now: h.clock.now, referenceTtlMs: 0, inlineBudgetMs: 0 };
  const data = new ThesaurusData({ source: h.org, now: h.clock.now, ttlMs: 0 });
  thesaurus = () => data.thesaurus();
});
afterAll(() => h.drop());

const scope = async (actor: Actor = admin) => countyScope(actor, (await deps.service.ref()).units, new Date(h.clock.ms).toISOString());
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
const rowsNow = async () => (await h.org.synonyms()).map((g) => g.id).sort();

describe('the thesaurus admin', () => {
  it('lists the bundled groups, none changed yet', async () => {
    const { items } = await listSynonyms(deps, await scope());
    expect(items.length).toBe(DEFAULT_SYNONYMS.length);
    expect(items.find((g) => g.id === 'heating')).toMatchObject({ concept: '供暖', source: 'default', enabled: true });
  });

  it('adds a group: one row and one audit event, and the next thesaurus read groups by it', async () => {
    const before = await thesaurus();
    expect(conceptsIn('楼道里的冰拔凉水管', before)).not.toContain('冰拔凉');
    const { group } = await saveSynonym(deps, await scope(), 'lanzhou-cold', { concept: '室温低', terms: ['冰拔凉', '冰拔凉 ', '冻成狗'], broader: '供暖' });
    expect(group).toMatchObject({ id: 'lanzhou-cold', source: 'added', terms: ['冰拔凉', '冻成狗'] });
    expect(await rowsNow()).toEqual(['lanzhou-cold']);
    expect(conceptsIn('家里冰拔凉的', await thesaurus())).toEqual(expect.arrayContaining(['室温低', '供暖']));
    const audit = await listAudit(deps.store, await scope(), '2026-11', 100);
    expect(audit.items.find((e) => e.target === 'synonym:lanzhou-cold')).toMatchObject({ action: 'synonym.create' });
  });

  it('refuses bad input and street-office admins with codes, changing nothing', async () => {
    const s = await scope();
    expect(await codeOf(saveSynonym(deps, s, 'Bad Id', { concept: '供暖', terms: ['暖气'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, s, 'empty', { concept: '供暖', terms: [] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, s, 'long', { concept: '供暖', terms: ['这是一个超过十二个字的很长很长的词语'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, s, 'extra', { concept: '供暖', terms: ['暖气'], id: 'other' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(saveSynonym(deps, await scope(streetAdmin), 'street', { concept: '供暖', terms: ['暖气'] }))).toBe('FORBIDDEN');
    expect(await codeOf(removeSynonym(deps, s, 'no-such-group', false))).toBe('NOT_FOUND');
    expect(await rowsNow()).toEqual(['lanzhou-cold']);
  });

  it('switches a bundled group off, then restores it; deletes an added one', async () => {
    const s = await scope();
    const off = await removeSynonym(deps, s, 'noise-dance', false);
    expect(off.group).toMatchObject({ id: 'noise-dance', enabled: false, source: 'changed' });
    expect(buildThesaurus(mergeSynonyms(DEFAULT_SYNONYMS, await h.org.synonyms())).concepts.has('广场舞')).toBe(false);
    expect((await thesaurus()).concepts.has('广场舞')).toBe(false);
    const restored = await removeSynonym(deps, s, 'noise-dance', true);
    expect(restored.group).toMatchObject({ id: 'noise-dance', enabled: true, source: 'default' });
    expect((await thesaurus()).concepts.has('广场舞')).toBe(true);
    expect(await codeOf(removeSynonym(deps, s, 'noise-dance', true))).toBe('NOT_FOUND');
    expect((await removeSynonym(deps, s, 'lanzhou-cold', false)).group).toBeNull();
    expect(await rowsNow()).toEqual([]);
    const actions = (await listAudit(deps.store, s, '2026-11', 100)).items.filter((e) => e.target.startsWith('synonym:')).map((e) => e.action);
    expect(actions.sort()).toEqual(['synonym.create', 'synonym.delete', 'synonym.disable', 'synonym.restore']);
  });
});
