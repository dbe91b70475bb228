import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { RiskChecks } from '../../functions/src/app/supervision/risk-checks.ts';
import { RiskEvaluator } from '../../functions/src/app/supervision/risk-evaluation.ts';
import { RiskService } from '../../functions/src/app/supervision/risk.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import type { Outbox } from '../../functions/src/ports/outbox.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { SupervisionStore } from '../../functions/src/store/supervision.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * A new request's risk warning, off the request path: the create's transaction holds a
 * `risk_check` outbox row; the dispatcher (functions/src/app/notifying/notifications.ts) evaluates it
 * after the write and sends the warning's messages in the same run; killed before or after
 * its final transaction, the warning is still stored exactly once. DynamoDB Local, test clock.
 */
let h: Harness;
let service: MashangService;
let outbox: OutboxStore;
let store: SupervisionStore;
let residents: ResidentStore;

const dispatcher = (opts: { outbox?: Outbox; risk?: boolean } = {}) =>
  new Dispatcher({
    outbox: opts.outbox ?? outbox,
    residents,
    tickets: h.tickets,
    realSender: false,
    templates: {},
    now: h.clock.now,
    ...(opts.risk === false
      ? {}
      : { riskChecks: new RiskChecks({ outbox: opts.outbox ?? outbox, tickets: h.tickets, evaluator: new RiskEvaluator({ store, now: h.clock.now, rulesTtlMs: 0 }), now: h.clock.now }) }),
  });

let n = 0;
async function file(description: string): Promise<string> {
  const who: Actor = { id: `dev-risk-${++n}`, role: 'resident' };
  const res = await service.createTicket(who, { clientToken: `rc-${n}-${Math.random().toString(36).slice(2, 8)}`, locationId: 'loc-xijie-xiaoqu', categoryCode: 'dispute', description });
  return res.ticket.id;
}

/** The check's row and the warning's messages of a ticket, still in the outbox and in the log. */
async function rowsOf(ticketId: string) {
  const pending = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === ticketId) as unknown as Array<Record<string, unknown>>;
  const logged = (await outbox.recentLog(500)).filter((m) => m.ticketId === ticketId) as unknown as Array<Record<string, unknown>>;
  const risk = (rows: Array<Record<string, unknown>>) => ({ checks: rows.filter((m) => m.kind === 'risk_check'), messages: rows.filter((m) => m.alert === 'risk') });
  return { pending: risk(pending), logged: risk(logged) };
}

beforeAll(async () => {
  h = await createHarness('2026-11-20T02:00:00.000Z');
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  outbox = new OutboxStore(db, h.tableName);
  store = new SupervisionStore(db, h.tableName);
  residents = new ResidentStore(db, h.tableName);
  service = new MashangService({
    tickets: h.tickets,
    org: h.org,
    tokens: new TokenService(TEST_SECRET),
    now: h.clock.now,
    referenceTtlMs: 0,
    risk: new RiskService({ store, tickets: h.tickets, reference: () => service.ref(), now: h.clock.now, rulesTtlMs: 0 }),
  });
});
afterAll(() => h.drop());

describe('the dispatcher’s risk checks of new requests', () => {
  it('evaluates the check after the write and sends the warning’s messages in the same run', async () => {
    const id = await file('和对门邻里矛盾好几年了，昨天两家人在楼道里打架');
    // Filed: the request and its check, no warning yet.
    expect(await h.tickets.get(id)).toBeDefined();
    expect(await store.warningsOfTicket(id)).toEqual([]);
    expect((await rowsOf(id)).pending.checks).toEqual([expect.objectContaining({ status: 'pending', template: 'risk_check' })]);

    h.clock.advance(1);
    const report = await dispatcher().run();
    expect(report).toMatchObject({ riskChecked: 1, riskWarned: 1 });
    const [w] = await store.warningsOfTicket(id);
    // High (打架, 邻里矛盾, 好几年): due an hour after the filing, not after the check.
    expect(w).toMatchObject({ id: `${id}-c`, level: 'high', createdAt: '2026-11-20T02:00:00.000Z', dueAt: '2026-11-20T03:00:00.000Z', assignedUnitId: 'gll-xijie-g1' });
    const rows = await rowsOf(id);
    expect(rows.pending).toEqual({ checks: [], messages: [] });
    expect(rows.logged.checks).toEqual([expect.objectContaining({ status: 'sent', reason: '已生成风险预警' })]);
    // The grid's task message and the supervisors' alert went through the same run (no staff channel here: skipped, logged).
    expect(rows.logged.messages.map((m) => m.audience).sort()).toEqual(['handlers', 'supervisors']);
  });

  it('stores the warning once when the dispatcher dies after its final transaction (the reply lost)', async () => {
    h.clock.set('2026-11-20T04:00:00.000Z');
    const id = await file('邻居扬言要报复我家，已报警');
    const dying: Outbox = Object.assign(Object.create(outbox) as OutboxStore, {
      finishWith: async (...args: Parameters<Outbox['finishWith']>) => {
        const done = await outbox.finishWith(...args);
        if (args[0].kind === 'risk_check') throw new Error('socket hang up');
        return done;
      },
    });
    await expect(dispatcher({ outbox: dying }).run()).rejects.toThrow('socket hang up');
    expect(await store.warningsOfTicket(id)).toHaveLength(1);
    // Re-runs, now and after any lease: nothing left to do.
    h.clock.advance(5);
    expect(await dispatcher().run()).toMatchObject({ riskChecked: 0, riskWarned: 0 });
    expect(await store.warningsOfTicket(id)).toHaveLength(1);
    const rows = await rowsOf(id);
    expect(rows.pending.checks).toEqual([]);
    expect(rows.logged.checks).toHaveLength(1);
    expect([...rows.pending.messages, ...rows.logged.messages].filter((m) => m.audience === 'handlers')).toHaveLength(1);
  });

  it('stores the warning once when the dispatcher dies before its final transaction: the next run after the lease evaluates again', async () => {
    h.clock.set('2026-11-20T05:00:00.000Z');
    const id = await file('邻居扬言要报复我家，已报警，这是第二次');
    const dying: Outbox = Object.assign(Object.create(outbox) as OutboxStore, {
      finishWith: async (...args: Parameters<Outbox['finishWith']>) => {
        if (args[0].kind === 'risk_check') throw new Error('killed');
        return outbox.finishWith(...args);
      },
    });
    await expect(dispatcher({ outbox: dying }).run()).rejects.toThrow('killed');
    expect(await store.warningsOfTicket(id)).toEqual([]);
    // Claimed by the dead run: left alone until its lease (2 minutes) runs out.
    expect(await dispatcher().run()).toMatchObject({ riskChecked: 0 });
    h.clock.advance(3);
    expect(await dispatcher().run()).toMatchObject({ riskChecked: 1, riskWarned: 1 });
    expect(await store.warningsOfTicket(id)).toHaveLength(1);
    // Judged as of the filing, though checked three minutes later.
    expect((await store.warningsOfTicket(id))[0]).toMatchObject({ createdAt: '2026-11-20T05:00:00.000Z' });
    const rows = await rowsOf(id);
    expect(rows.logged.checks).toEqual([expect.objectContaining({ attempts: 2 })]);
    expect(rows.logged.messages.filter((m) => m.audience === 'handlers')).toHaveLength(1);
  });

  it('leaves checks to a dispatcher that can work them: one without risk checks claims none', async () => {
    h.clock.set('2026-11-20T06:00:00.000Z');
    const id = await file('楼上邻居半夜吵闹，已报警两次');
    await dispatcher({ risk: false }).run();
    expect((await rowsOf(id)).pending.checks).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect((await rowsOf(id)).pending.checks[0]!.attempts).toBeUndefined();
    expect(await dispatcher().run()).toMatchObject({ riskChecked: 1, riskWarned: 1 });
    expect(await store.warningsOfTicket(id)).toHaveLength(1);
  });
});
