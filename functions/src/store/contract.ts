import { describe, expect, it } from 'vitest';
import {
  absorbDuplicate,
  addMinutes,
  decide,
  decideJoin,
  type Actor,
  type Decision,
  type RiskWarning,
  type Ticket,
} from '@mashang/shared';
import { RateCountRefusedError, StoreError, TicketIdTakenError, VersionConflictError } from '../ports/errors.ts';
import { contractKit } from './contract-kit.ts';
import type { TicketRepository } from '../ports/tickets.ts';

/**
 * The one contract of the ticket ports (functions/src/ports/tickets.ts), run against the
 * DynamoDB store (tests/integration/ticket-store-contract.test.ts, on DynamoDB Local) and
 * the memory store (functions/src/store/memory/tickets.test.ts) with the same assertions.
 * `store()` gives a store whose tickets are this suite's alone (a fresh table or instance).
 */
export function ticketStoreContract(name: string, store: () => TicketRepository): void {
  const { calendar, nextId, opened } = contractKit();
  const handler: Actor = { id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' };

  async function created(opts: Parameters<typeof opened>[0] = {}): Promise<Ticket> {
    const d = opened(opts);
    await store().create(d, undefined);
    return d.ticket;
  }

  const respond = (t: Ticket, minutes = 5): Decision => decide(t, { type: 'respond', via: 'call' }, handler, addMinutes(t.receivedAt, minutes), { calendar });

  describe(`ticket store contract: ${name}`, () => {
    it('stores a new ticket with its events numbered from 1 and finds it by its client token', async () => {
      const d = opened();
      const token = `tok-${nextId()}`;
      expect(await store().create(d, token)).toEqual({ created: true, ticketId: d.ticket.id });
      const found = await store().getWithEvents(d.ticket.id);
      expect(found?.ticket).toEqual(d.ticket);
      expect(found?.events).toEqual(d.events.map((e, i) => ({ ...e, ticketId: d.ticket.id, seq: i + 1 })));
      expect(await store().get(d.ticket.id)).toEqual(d.ticket);
      expect(await store().findByClientToken(token)).toEqual({ ticketId: d.ticket.id, residentId: d.ticket.residentId });
      expect(await store().get('0000000000000')).toBeUndefined();
    });

    it('files once per client token: the same resident gets the first ticket, another is refused', async () => {
      const token = `tok-${nextId()}`;
      const first = opened({ residentId: 'res-same' });
      await store().create(first, token);
      const again = opened({ residentId: 'res-same' });
      expect(await store().create(again, token)).toEqual({ created: false, ticketId: first.ticket.id });
      expect(await store().get(again.ticket.id)).toBeUndefined();
      const other = opened({ residentId: 'res-other' });
      const refused = await store().create(other, token).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreError);
      expect(refused).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', reason: 'client_token_taken', status: 409 });
      expect(await store().get(other.ticket.id)).toBeUndefined();
    });

    it('refuses a taken ticket id with a typed error and writes nothing of the second ticket', async () => {
      const first = await created();
      const clash = opened({ id: first.id, residentId: 'res-clash' });
      const token = `tok-${nextId()}`;
      const refused = await store().create(clash, token).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TicketIdTakenError);
      expect(refused).toMatchObject({ code: 'CONFLICT', status: 409 });
      expect(await store().get(first.id)).toEqual(first);
      expect(await store().findByClientToken(token)).toBeUndefined();
    });

    it('saves a decision: the new version, and its events numbered after the stored ones', async () => {
      const t = await created();
      const d = respond(t);
      await store().save(t, d);
      const found = await store().getWithEvents(t.id);
      expect(found?.ticket).toEqual(d.ticket);
      expect(found?.events.map((e) => e.seq)).toEqual([1, 2]);
      expect(found?.events[1]).toMatchObject({ type: d.events[0]!.type, ticketId: t.id });
    });

    it('refuses a decision made on a stale read with a VersionConflictError and changes nothing', async () => {
      const t = await created();
      await store().save(t, respond(t));
      const after = await store().getWithEvents(t.id);
      const lost = await store().save(t, respond(t, 6)).catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(VersionConflictError);
      expect(lost).toMatchObject({ code: 'CONFLICT', status: 409 });
      expect(await store().getWithEvents(t.id)).toEqual(after);
    });

    it('writes a side-write with the ticket or not at all: joining twice is a conflict and leaves the ticket as it was', async () => {
      const t = await created();
      const at = addMinutes(t.receivedAt, 3);
      const join = decideJoin(t, { id: 'res-joiner', role: 'resident' }, at);
      await store().save(t, join, [
        { kind: 'follower', ticketId: t.id, residentId: 'res-joiner', at },
        { kind: 'consent', ticketId: t.id, residentId: 'res-joiner', templateIds: ['tpl-1'], at },
      ]);
      const joined = (await store().get(t.id))!;
      expect(joined.followerCount).toBe(t.followerCount + 1);
      const twice = await store().save(joined, decideJoin(joined, { id: 'res-joiner', role: 'resident' }, at), [{ kind: 'follower', ticketId: t.id, residentId: 'res-joiner', at }]).catch((e: unknown) => e);
      expect(twice).toBeInstanceOf(VersionConflictError);
      expect(await store().get(t.id)).toEqual(joined);
    });

    it('changes a linked ticket in the same write (a merge), and refuses both when the linked one changed since it was read', async () => {
      const target = await created();
      const source = await created();
      const now = addMinutes(source.receivedAt, 10);
      const merge = decide(source, { type: 'merge', intoTicketId: target.id }, handler, now, { calendar });
      const absorb = absorbDuplicate(target, merge.ticket, handler, now);
      const links = [
        { kind: 'linked_change' as const, before: target, decision: absorb },
        { kind: 'merge_link' as const, targetId: target.id, sourceId: source.id, residentId: source.residentId, at: now },
      ];
      // The target moved on since it was read: neither ticket changes.
      const moved = respond(target);
      await store().save(target, moved);
      expect(await store().save(source, merge, links).catch((e: unknown) => e)).toBeInstanceOf(VersionConflictError);
      expect(await store().get(source.id)).toEqual(source);
      expect(await store().get(target.id)).toEqual(moved.ticket);
      // Read again: both change together.
      const fresh = absorbDuplicate(moved.ticket, merge.ticket, handler, now);
      await store().save(source, merge, [{ kind: 'linked_change', before: moved.ticket, decision: fresh }, links[1]!]);
      expect((await store().get(source.id))?.status).toBe('merged');
      expect(await store().getWithEvents(target.id)).toMatchObject({ ticket: fresh.ticket, events: [{ seq: 1 }, { seq: 2 }, { seq: 3, type: 'merged' }] });
    });

    it('stores a risk warning once per ticket and trigger: a second one fails the whole new ticket', async () => {
      const first = opened();
      const warning: RiskWarning = {
        id: `${first.ticket.id}-c`,
        version: 1,
        ticketId: first.ticket.id,
        trigger: 'created',
        level: 'high',
        fired: [{ ruleId: 'r1', ruleName: '极端情绪/自伤', kind: 'keywords', level: 'high', indicators: ['包含“撑不下去”'] }],
        createdAt: first.ticket.receivedAt,
        officeUnitId: 'gaolanlu',
        assignedUnitId: 'gll-dongjie-g1',
        dueAt: addMinutes(first.ticket.receivedAt, 30),
        status: 'open',
        categoryCode: 'traffic',
        locationName: '甘肃大剧院',
        summary: '公交站台的灯不亮了',
      };
      const risk = { kind: 'risk_warning' as const, warning, text: '风险预警', n: 0 };
      expect(await store().create(first, undefined, [risk])).toMatchObject({ created: true });
      const second = opened();
      expect(await store().create(second, undefined, [risk]).catch((e: unknown) => e)).toBeInstanceOf(TicketIdTakenError);
      expect(await store().get(second.ticket.id)).toBeUndefined();
    });

    it('lists an external system\'s request once: the same listing again fails the new ticket', async () => {
      const d = opened();
      const listing = { kind: 'external_request' as const, system: `sys-${nextId()}`, ticketId: d.ticket.id, receivedAt: d.ticket.receivedAt, categoryCode: 'traffic', ref: 'WO-1' };
      await store().create(d, undefined, [listing]);
      const other = opened();
      expect(await store().create(other, undefined, [listing]).catch((e: unknown) => e)).toBeInstanceOf(TicketIdTakenError);
      expect(await store().get(other.ticket.id)).toBeUndefined();
    });

    it('counts rate-limit hits with new tickets: past the limit the ticket is refused, naming the rule, and nothing is written', async () => {
      const subject = `dev-${nextId()}`;
      const hit = { kind: 'rate_count' as const, rule: 'submitPerResident', subject, limit: 2, windowSeconds: 600, atMs: Date.parse('2026-11-18T02:00:00.000Z') };
      const first = opened();
      const second = opened();
      await store().create(first, `tok-${nextId()}`, [hit]);
      await store().create(second, undefined, [hit]);
      const third = opened();
      const token = `tok-${nextId()}`;
      const refused = await store().create(third, token, [hit]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RateCountRefusedError);
      expect(refused).toMatchObject({ rule: 'submitPerResident', subject, code: 'RATE_LIMITED' });
      expect(await store().get(third.ticket.id)).toBeUndefined();
      expect(await store().findByClientToken(token)).toBeUndefined();
      // The next window counts afresh; another subject was never held back.
      await store().create(opened(), undefined, [{ ...hit, atMs: hit.atMs + 600_000 }]);
      await store().create(opened(), undefined, [{ ...hit, subject: `${subject}-other` }]);
    });

    it('claims a 12345 work order for one request only: a second request for it fails and is not written', async () => {
      const d = opened();
      const workOrderNo = `WO${nextId()}`;
      await store().create(d, undefined, [{ kind: 'work_order', workOrderNo, ticketId: d.ticket.id, at: d.ticket.receivedAt }]);
      const other = opened();
      const refused = await store().create(other, undefined, [{ kind: 'work_order', workOrderNo, ticketId: other.ticket.id, at: other.ticket.receivedAt }]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TicketIdTakenError);
      expect(await store().get(other.ticket.id)).toBeUndefined();
      expect(await store().get(d.ticket.id)).toBeDefined();
    });

    it('reads the due tickets without naming shards: those whose next card has come, until it is recorded', async () => {
      const receivedAt = '2026-11-19T02:00:00.000Z';
      const unit = `unit-due-${nextId()}`;
      const dueOne = await created({ receivedAt, unitId: unit });
      const notYet = await created({ receivedAt: addMinutes(receivedAt, 60), unitId: unit });
      const now = addMinutes(receivedAt, 25); // past the yellow card of the 30-minute response of the first only
      const read = async () => {
        const ids: string[] = [];
        for (const lane of store().due(now, 2)) for await (const page of lane) ids.push(...page.items.map((t) => t.id));
        return ids;
      };
      const ids = await read();
      expect(ids).toContain(dueOne.id);
      expect(ids).not.toContain(notYet.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Responding meets the response clock: its card is not due any more.
      await store().save(dueOne, respond(dueOne, 20));
      expect(await read()).not.toContain(dueOne.id);
    });

    it('pages a unit\'s open tickets and a resident\'s own, newest first, and refuses a cursor of another list', async () => {
      const unit = `unit-${nextId()}`;
      const resident = `res-pages-${nextId()}`;
      const times = [0, 10, 20].map((m) => addMinutes('2026-11-20T02:00:00.000Z', m));
      const ts = [];
      for (const receivedAt of times) ts.push(await created({ receivedAt, unitId: unit, residentId: resident }));
      const first = await store().inbox(unit, undefined, 2);
      expect(first.items.map((t) => t.id)).toEqual([ts[2]!.id, ts[1]!.id]);
      expect(first.nextCursor).toBeDefined();
      const second = await store().inbox(unit, first.nextCursor, 2);
      expect(second.items.map((t) => t.id)).toEqual([ts[0]!.id]);
      const mine = await store().byResident(resident, undefined, 10);
      expect(mine.items.map((t) => t.id)).toEqual([ts[2]!.id, ts[1]!.id, ts[0]!.id]);
      const wrong = await store().inbox(`unit-${nextId()}`, first.nextCursor, 2).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(StoreError);
      expect(wrong).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'bad_cursor', status: 400 });
    });
  });
}
