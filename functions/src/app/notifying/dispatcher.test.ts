import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addMinutes, fromEpochMs, type Ticket } from '@mashang/shared';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';
import type { SideWrite } from '../../ports/tickets.ts';
import { riskWarningWrite } from '../../store/contract-kit.ts';
import { Dispatcher } from './notifications.ts';
import { riskCheckOnCreate } from '../supervision/risk-check-queue.ts';
import { RiskChecks } from '../supervision/risk-checks.ts';

/**
 * The dispatcher draining the outbox, on the memory stores (the outbox twin holds the DynamoDB
 * outbox's claim, lease and retry rules: functions/src/store/outbox-contract.ts). Integration
 * tests cover the same on DynamoDB Local with WeChat and WeCom stand-ins.
 */

/** A high warning for the request, as the risk evaluator gives it. */
const highWarning = (t: Ticket): SideWrite[] => [riskWarningWrite(t, 'high', { rule: { name: '极端情绪/自伤', indicator: '包含“报复”' } })];

function world(assess: (t: Ticket) => Promise<SideWrite[]> = async () => []) {
  const w = memoryWorld(undefined, { riskCheck: riskCheckOnCreate });
  const riskChecks = new RiskChecks({ outbox: w.tickets.outbox, tickets: w.tickets, evaluator: { assess: (_trigger, t) => assess(t) }, now: w.clock.now, log: () => undefined });
  const dispatcher = new Dispatcher({ outbox: w.tickets.outbox, residents: w.residents, tickets: w.tickets, realSender: false, templates: {}, now: w.clock.now, riskChecks });
  const left = async () => {
    const rows = [];
    for await (const page of w.tickets.outbox.pending(50)) rows.push(...page);
    return rows.map((r) => ({ what: r.kind ?? r.template, status: r.status, notBefore: r.notBefore }));
  };
  return { ...w, dispatcher, left };
}

const file = (service: ReturnType<typeof memoryWorld>['service'], token: string) =>
  service.createTicket(actors.resident(), { clientToken: token, locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '邻居扬言要报复我家，已报警' });

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

describe('the dispatcher draining the outbox', () => {
  it('works what is due, leaves a delayed alert until its time, and leaves nothing behind', async () => {
    const { service, clock, dispatcher, left, tickets } = world();
    await file(service, 'token-dispatch-1');
    clock.advance(1);
    const first = await dispatcher.run();
    // The unit's new-request alert (no staff channels here: logged as skipped) and the risk check (no warning).
    expect(first).toMatchObject({ read: 3, claimed: 2, skipped: 1, riskChecked: 1, riskWarned: 0, lostClaims: 0 });
    expect(await left()).toEqual([{ what: 'unresponded', status: 'pending', notBefore: addMinutes(fromEpochMs(clock.now() - 60_000), 5) }]);
    clock.advance(4);
    expect(await dispatcher.run()).toMatchObject({ read: 1, claimed: 1, skipped: 1 });
    expect(await left()).toEqual([]);
    expect(tickets.outbox.log.map((m) => [m.kind ?? m.template, m.status])).toEqual([
      ['assigned', 'skipped'],
      ['risk_check', 'skipped'],
      ['unresponded', 'skipped'],
    ]);
    expect(await dispatcher.run()).toMatchObject({ read: 0, claimed: 0 });
  });

  it('stores a risk warning once and sends its messages in the same run', async () => {
    const { service, clock, dispatcher, left, tickets } = world(async (t) => highWarning(t));
    const res = await file(service, 'token-dispatch-2');
    clock.advance(1);
    const report = await dispatcher.run();
    expect(report).toMatchObject({ riskChecked: 1, riskWarned: 1, lostClaims: 0 });
    expect([...tickets.warnings.keys()]).toEqual([`${res.ticket.id}-c`]);
    // The assigned unit's task and the supervisors' alert were worked at once, not left for the next run.
    expect(tickets.outbox.log.filter((m) => m.alert === 'risk').map((m) => [m.audience, m.status])).toEqual([
      ['handlers', 'skipped'],
      ['supervisors', 'skipped'],
    ]);
    expect((await left()).map((r) => r.what)).toEqual(['unresponded']);
  });

  it('gives a failed risk check back with a backoff and evaluates it again when it is due', async () => {
    let fail = true;
    const { service, clock, dispatcher, left, tickets } = world(async (t) => {
      if (fail) throw new Error('ProvisionedThroughputExceeded');
      return highWarning(t);
    });
    await file(service, 'token-dispatch-3');
    expect(await dispatcher.run()).toMatchObject({ riskChecked: 0, retried: 1 });
    const retryAt = fromEpochMs(clock.now() + 60_000);
    expect((await left()).find((r) => r.what === 'risk_check')).toEqual({ what: 'risk_check', status: 'pending', notBefore: retryAt });
    fail = false;
    clock.advance(0.5);
    expect(await dispatcher.run()).toMatchObject({ riskChecked: 0, riskWarned: 0 });
    clock.advance(0.5);
    expect(await dispatcher.run()).toMatchObject({ riskChecked: 1, riskWarned: 1 });
    expect(tickets.warnings.size).toBe(1);
    expect((await left()).map((r) => r.what)).not.toContain('risk_check');
  });
});
