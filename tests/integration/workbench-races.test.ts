import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError, type Actor, type Command, type Status } from '@mashang/shared';
import { StaffInboxQuerySchema } from '@mashang/shared/contracts/staff';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { workbenchOf } from '../support/workbench.ts';

/**
 * Two handlers act on the same request at the same moment, 200 times, against
 * DynamoDB Local: each works in its own service (as two Lambdas would) from the
 * version both saw. Exactly one wins; the other gets a 409 and changes nothing;
 * the history has no gap, no repeat and only the winner's step; the unit's inbox
 * counters still match what the inbox holds. Several races run at once, so
 * different requests of one unit also contend for the unit's counter row.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-11-18T02:00:00.000Z');
});
afterAll(() => h.drop());

const resident: Actor = { id: 'dev-race-resident', role: 'resident' };
const wang: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zhang: Actor = { id: 'gll-handler-2', role: 'handler', unitId: 'gaolanlu', name: '张伟' };
const sun: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };
const qian: Actor = { id: 'zhujian-handler-2', role: 'handler', unitId: 'dept-zhujian', name: '钱程' };

interface Race {
  name: string;
  /** Steps that bring a fresh request to the state the race starts from. */
  setup: Array<[Actor, Command]>;
  a: [Actor, Command];
  b: [Actor, Command];
}

const RACES: Race[] = [
  { name: 'both call the resident', setup: [], a: [wang, { type: 'respond', via: 'call' }], b: [zhang, { type: 'respond', via: 'message', note: '您好，已收到' }] },
  {
    name: 'one dispatches while the other rejects',
    setup: [[wang, { type: 'respond', via: 'call' }]],
    a: [wang, { type: 'dispatch', unitId: 'dept-zhujian' }],
    b: [zhang, { type: 'reject', reason: '不属于受理范围' }],
  },
  {
    name: 'one department handler reports in while the other returns it',
    setup: [
      [wang, { type: 'respond', via: 'call' }],
      [wang, { type: 'dispatch', unitId: 'dept-zhujian' }],
    ],
    a: [sun, { type: 'accept' }],
    b: [qian, { type: 'return', reason: '不属于住建职责' }],
  },
  {
    name: 'one resolves while the other escalates',
    setup: [[wang, { type: 'respond', via: 'call' }]],
    a: [wang, { type: 'resolve', feedback: '已协调公交公司加密班次' }],
    b: [zhang, { type: 'escalate', reason: '涉及多个部门需上级协调' }],
  },
];

const ROUNDS = 200;
/** Races run this many at a time (on different requests of the same units). */
const PARALLEL = 10;

it(`lets exactly one of two simultaneous handlers win, ${ROUNDS} times, with a consistent history`, async () => {
  // Two "Lambdas" with warm reference caches; the harness's own service reloads them on every call.
  const lambda = () => new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 7 * 24 * 3600_000 });
  const [setupService, first, second] = [lambda(), lambda(), lambda()];
  h.clock.ms = Date.parse('2026-11-18T02:00:00.000Z');

  const round = async (n: number) => {
    const race = RACES[n % RACES.length]!;
    const { ticket } = await setupService.createTicket(resident, {
      clientToken: `race-${n}-${Math.random().toString(36).slice(2, 8)}`,
      locationId: 'loc-dajuyuan',
      categoryCode: 'traffic',
      description: '149路公交早高峰发车间隔太长',
      phone: '13893112345',
    });
    for (const [actor, command] of race.setup) await setupService.command(actor, ticket.id, command);
    const before = (await h.tickets.get(ticket.id))!;
    // The same version, as two phones showing the same screen would send it.
    const results = await Promise.allSettled([
      first.command(race.a[0], ticket.id, race.a[1], before.version),
      second.command(race.b[0], ticket.id, race.b[1], before.version),
    ]);
    const won = results.map((r) => r.status === 'fulfilled');
    expect(won.filter(Boolean), `${race.name}, round ${n}`).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect(lost.reason).toMatchObject({ code: 'CONFLICT', status: 409 });
    const winner = won[0] ? race.a : race.b;

    const after = (await h.tickets.getWithEvents(ticket.id))!;
    expect(after.events.map((e) => e.seq)).toEqual(after.events.map((_, i) => i + 1));
    expect(after.ticket.eventCount).toBe(after.events.length);
    expect(after.ticket.version).toBe(before.version + 1);
    const added = after.events.slice(before.eventCount);
    expect(added).toHaveLength(1);
    expect(added[0]!.actor.id).toBe(winner[0].id);
  };
  for (let n = 0; n < ROUNDS; n += PARALLEL) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, ROUNDS - n) }, (_, i) => round(n + i)));
  }

  // The counters moved once per winning change, never for a losing one.
  const wb = workbenchOf(h).workbench;
  for (const actor of [wang, sun]) {
    const listed: Status[] = [];
    let cursor: string | undefined;
    let counts;
    do {
      const page = await wb.inbox(actor, StaffInboxQuerySchema.parse({ limit: 50, cursor }));
      listed.push(...page.items.map((i) => i.status));
      counts = page.counts;
      cursor = page.nextCursor;
    } while (cursor);
    expect(counts.total).toBe(listed.length);
    for (const [status, n] of Object.entries(counts.byStatus)) expect(listed.filter((s) => s === status).length, status).toBe(n);
  }
}, 300_000);
