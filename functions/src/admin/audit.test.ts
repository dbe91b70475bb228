import { describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { MemoryAuditLog } from '../store/memory/audit.ts';
import { listAudit } from './audit.ts';
import type { CountyScope } from './scope.ts';

const admin: Actor = { id: 'county-admin', role: 'admin', name: '何平', unitId: 'chengguan' };
const scopeAt = (now: string) => ({ actor: admin, countyId: 'chengguan', now }) as unknown as CountyScope;

describe('the audit page’s month', () => {
  it('opens on the Beijing month: at 07:30 on 1 December in Beijing it lists that morning’s change under 2026-12', async () => {
    const log = new MemoryAuditLog();
    // 07:00 on 1 December in Beijing is 23:00 on 30 November in UTC.
    log.record({ countyId: 'chengguan', actor: admin, at: '2026-11-30T23:00:00.000Z', action: 'calendar.loadYear', target: 'calendar:2027' });
    log.record({ countyId: 'chengguan', actor: admin, at: '2026-11-30T15:00:00.000Z', action: 'unit.rename', target: 'unit:gaolanlu' });
    const reply = await listAudit(log, scopeAt('2026-11-30T23:30:00.000Z'), undefined, 50);
    expect(reply.month).toBe('2026-12');
    expect(reply.items.map((e) => e.action)).toEqual(['calendar.loadYear']);
    expect((await listAudit(log, scopeAt('2026-11-30T23:30:00.000Z'), '2026-11', 50)).items.map((e) => e.action)).toEqual(['unit.rename']);
  });
});
