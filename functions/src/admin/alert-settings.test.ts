import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY, DEFAULT_RANKING_POLICY, type Actor, type Unit } from '@mashang/shared';
import { MemoryReferenceChanges } from '../store/memory/admin-reference.ts';
import { getAlertSettings, putAlertSettings, type AlertSettingsDeps } from './alert-settings.ts';
import { countyScope, type CountyScope } from './scope.ts';

/**
 * The alert settings on the memory twin of the reference-data port. On DynamoDB Local, with the
 * dispatcher applying them: tests/integration/alert-settings.test.ts.
 */
const UNITS: Unit[] = [
  { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'gaolanlu'] },
];
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const scope = (actor: Actor = admin): CountyScope => countyScope(actor, new Map(UNITS.map((u) => [u.id, u])), '2026-12-01T02:00:00.000Z');

describe('alert settings (memory twin)', () => {
  it('saves both settings marked with who and when, audited with before and after; bad input stores nothing', async () => {
    const store = new MemoryReferenceChanges();
    const deps: AlertSettingsDeps = { store, alerts: store };
    expect(await getAlertSettings(deps, scope())).toMatchObject({ alerts: DEFAULT_ALERT_POLICY, ranking: DEFAULT_RANKING_POLICY });
    await expect(putAlertSettings(deps, scope(), { alerts: DEFAULT_ALERT_POLICY, ranking: { ...DEFAULT_RANKING_POLICY, resolveWeight: 70 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(putAlertSettings(deps, scope({ id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' }), { alerts: DEFAULT_ALERT_POLICY, ranking: DEFAULT_RANKING_POLICY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await store.settings()).toEqual({});

    const reply = await putAlertSettings(deps, scope(), { alerts: { ...DEFAULT_ALERT_POLICY, unrespondedMinutes: 10 }, ranking: { ...DEFAULT_RANKING_POLICY, minRequests: 8 } });
    expect(reply).toMatchObject({ alerts: { unrespondedMinutes: 10 }, ranking: { minRequests: 8 }, updatedBy: 'county-admin', updatedAt: '2026-12-01T02:00:00.000Z' });
    const events = await store.audit.auditMonth('chengguan', '2026-12', 10);
    expect(events.map((e) => [e.action, e.target])).toEqual([['settings.alerts', 'settings:alerts']]);
    expect(JSON.parse(events[0]!.before!)).toEqual({ alerts: DEFAULT_ALERT_POLICY, ranking: DEFAULT_RANKING_POLICY });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ alerts: { unrespondedMinutes: 10 }, ranking: { minRequests: 8 } });
  });
});
