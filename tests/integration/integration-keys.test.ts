import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { IntegrationService } from '../../functions/src/integrations/service.ts';
import { IntegrationStore } from '../../functions/src/integrations/store.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** Integration keys' rate limit and revocation on DynamoDB Local, with a settable clock. */
let h: Harness;
let keys: IntegrationService;
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

beforeAll(async () => {
  h = await createHarness('2026-11-30T02:00:10.000Z');
  const store = new IntegrationStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
  keys = new IntegrationService({ store, units: async () => (await h.service.ref()).units, now: h.clock.now });
});
afterAll(() => h.drop());

const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? 'error');

describe('integration keys', () => {
  it('allows ratePerMinute calls per fixed UTC minute, then 429 until the next minute', async () => {
    const { apiKey } = await keys.issueKey(admin, { system: 'rate-a', name: '限流系统A', ratePerMinute: 3 });
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await outcome(keys.authenticate(apiKey)));
    expect(first).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    h.clock.set('2026-11-30T02:00:59.999Z');
    expect(await outcome(keys.authenticate(apiKey))).toBe('RATE_LIMITED');
    h.clock.set('2026-11-30T02:01:00.000Z');
    expect(await outcome(keys.authenticate(apiKey))).toBe('ok');
    // Another key has its own counter.
    const other = await keys.issueKey(admin, { system: 'rate-b', name: '限流系统B', ratePerMinute: 1 });
    expect(await outcome(keys.authenticate(other.apiKey))).toBe('ok');
    expect(await outcome(keys.authenticate(apiKey))).toBe('ok');
  });

  it('never lets more than the limit through when many calls race in a new window', async () => {
    const { apiKey } = await keys.issueKey(admin, { system: 'rate-race', name: '并发系统', ratePerMinute: 5 });
    h.clock.set('2026-11-30T02:05:00.000Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(keys.authenticate(apiKey))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === 'RATE_LIMITED')).toHaveLength(15);
  });

  it('refuses unknown, malformed and revoked keys, and only admins manage keys', async () => {
    const k = await keys.issueKey(admin, { system: 'revoke-me', name: '待撤销系统' });
    expect(await outcome(keys.authenticate(k.apiKey))).toBe('ok');
    await keys.revokeKey(admin, k.keyId);
    expect(await outcome(keys.authenticate(k.apiKey))).toBe('UNAUTHENTICATED');
    expect(await outcome(keys.authenticate(`${k.apiKey.slice(0, -1)}x`))).toBe('UNAUTHENTICATED');
    expect(await outcome(keys.authenticate('not-a-key'))).toBe('UNAUTHENTICATED');
    expect(await outcome(keys.authenticate(undefined))).toBe('UNAUTHENTICATED');
    expect(await outcome(keys.issueKey({ id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' }, { system: 'x-sys', name: '某系统' }))).toBe('FORBIDDEN');
    // An admin of a street cannot see or revoke the county's keys.
    const streetAdmin: Actor = { id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' };
    expect(await keys.listKeys(streetAdmin)).toEqual([]);
    expect(await outcome(keys.revokeKey(streetAdmin, k.keyId))).toBe('NOT_FOUND');
    expect(await outcome(keys.issueKey(admin, { system: 'grid-x', name: '默认网格不对', defaultGridId: 'gaolanlu' }))).toBe('UNIT_NOT_FOUND');
  });
});
