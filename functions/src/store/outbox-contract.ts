import { describe, expect, it } from 'vitest';
import { addMinutes, type RiskWarning, type Ticket } from '@mashang/shared';
import { contractKit, riskWarningWrite } from './contract-kit.ts';
import type { Outbox, OutboxRow } from '../ports/outbox.ts';
import type { SideWrite, TicketRepository } from '../ports/tickets.ts';

/**
 * The contract of the outbox (functions/src/ports/outbox.ts), run against the DynamoDB store
 * (tests/integration/outbox-store-contract.test.ts, on DynamoDB Local) and the memory store
 * (functions/src/store/memory/outbox.test.ts) with the same assertions. Rows enter the outbox
 * only as the port's users make them: with a ticket's write (its messages, a risk check, a
 * photo re-tagging) through the ticket store given with it, and with `finishWith`'s writes.
 * A DynamoDB table is shared by the whole suite, so each case reads only its own tickets' rows.
 */
export function outboxContract(name: string, world: () => { outbox: Outbox; tickets: TicketRepository }): void {
  const { opened } = contractKit();
  const receivedAt = '2026-11-18T02:00:00.000Z';
  const at = (minutes: number) => addMinutes(receivedAt, minutes);
  /** An instant `ms` milliseconds from `iso`. */
  const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  /** A new request filed with a risk check and a photo re-tagging: four outbox rows. */
  async function filed(extra: (t: Ticket) => SideWrite[] = () => []): Promise<Ticket> {
    const d = opened({ receivedAt });
    const id = d.ticket.id;
    await world().tickets.create(d, undefined, [{ kind: 'risk_check', ticketId: id, at: receivedAt }, { kind: 'photo_tag', ticketId: id, keys: ['p/a.jpg'], at: receivedAt, version: 1 }, ...extra(d.ticket)]);
    return d.ticket;
  }

  /** Every row of these tickets still in the outbox, in the order `pending` gives them; checks the page size. */
  async function rowsOf(ticketIds: string[], limit = 3): Promise<OutboxRow[]> {
    const rows: OutboxRow[] = [];
    for await (const page of world().outbox.pending(limit)) {
      expect(page.length).toBeLessThanOrEqual(limit);
      rows.push(...page.filter((r) => ticketIds.includes(r.ticketId)));
    }
    return rows;
  }

  const rowOf = async (t: Ticket, pick: (r: OutboxRow) => boolean) => (await rowsOf([t.id])).find(pick)!;
  const riskCheckOf = (t: Ticket) => rowOf(t, (r) => r.kind === 'risk_check');

  const warning = (t: Ticket, level: RiskWarning['level']): SideWrite => riskWarningWrite(t, level, { assignedUnitId: 'gll-dongjie-g1' });

  const done = { status: 'sent' as const, deliveries: {}, doneAt: at(2) };

  describe(`outbox contract: ${name}`, () => {
    it('lists every row of a ticket write once, pending, in pages no larger than asked, a ticket\'s rows in the order they were made', async () => {
      const t = await filed();
      const rows = await rowsOf([t.id], 1);
      // The change's messages in their order (the delayed one with its time), then the dispatcher's own work.
      expect(rows.map((r) => [r.kind ?? r.template, r.status, r.notBefore])).toEqual([
        ['assigned', 'pending', undefined],
        ['unresponded', 'pending', at(5)],
        ['risk_check', 'pending', undefined],
        ['photo_tag', 'pending', undefined],
      ]);
      expect(rows[0]).toMatchObject({ ticketId: t.id, createdAt: receivedAt, audience: 'handlers', unitId: 'gaolanlu', alert: 'new_request', clock: 'respond' });
      expect(rows[3]).toMatchObject({ audience: 'system', photoKeys: ['p/a.jpg'] });
      expect(await rowsOf([t.id], 50)).toEqual(rows);
    });

    it('gives each row a stable message id of its own, in the characters a message id may hold', async () => {
      const t = await filed();
      const rows = await rowsOf([t.id]);
      const ids = rows.map((r) => world().outbox.messageId(r));
      expect(new Set(ids).size).toBe(rows.length);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9:.\-_]+$/);
      expect((await rowsOf([t.id])).map((r) => world().outbox.messageId(r))).toEqual(ids);
    });

    it('claims a row for one dispatcher until its lease runs out (strictly after it); the next claim takes it over and counts an attempt', async () => {
      const t = await filed();
      const row = await riskCheckOf(t);
      const first = await world().outbox.claim(row, 'tok-1', at(1), at(3));
      expect(first).toMatchObject({ ticketId: t.id, kind: 'risk_check', status: 'claimed', claimToken: 'tok-1', claimUntil: at(3), attempts: 1, deliveries: {} });
      expect(await world().outbox.claim(row, 'tok-2', at(2), at(4))).toBeUndefined();
      expect(await world().outbox.claim(row, 'tok-2', at(3), at(5))).toBeUndefined();
      // pending() lists claimed rows too, with their claim.
      expect(await riskCheckOf(t)).toMatchObject({ status: 'claimed', claimUntil: at(3) });
      const second = await world().outbox.claim(row, 'tok-2', plusMs(at(3), 1), at(6));
      expect(second).toMatchObject({ status: 'claimed', claimToken: 'tok-2', attempts: 2 });
      // The first dispatcher lost it: none of its writes lands.
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'r1', 'sent')).toBe(false);
      expect(await world().outbox.release(row, 'tok-1', at(10))).toBe(false);
      expect(await world().outbox.finish(first!, 'tok-1', done)).toBe(false);
      expect(await riskCheckOf(t)).toMatchObject({ claimToken: 'tok-2', deliveries: {} });
    });

    it('keeps the claim of a lapsed lease until somebody claims the row again: its writes still land', async () => {
      const t = await filed();
      const row = await riskCheckOf(t);
      await world().outbox.claim(row, 'tok-1', at(1), at(2));
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'r1', 'sent')).toBe(true);
      expect(await world().outbox.release(row, 'tok-1', at(20))).toBe(true);
    });

    it('records each recipient\'s result, and a row given back keeps them, waits until its time and counts its attempts', async () => {
      const t = await filed();
      const row = await rowOf(t, (r) => r.template === 'assigned');
      await world().outbox.claim(row, 'tok-1', at(1), at(3));
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'inapp:u1', 'sent')).toBe(true);
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'wecom:gaolanlu', 'sending')).toBe(true);
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'wecom:gaolanlu', 'retry:45009')).toBe(true);
      expect(await world().outbox.release(row, 'tok-1', at(4))).toBe(true);
      const given = await rowOf(t, (r) => r.template === 'assigned');
      expect(given).toMatchObject({ status: 'pending', notBefore: at(4), attempts: 1, deliveries: { 'inapp:u1': 'sent', 'wecom:gaolanlu': 'retry:45009' } });
      expect(given.claimToken).toBeUndefined();
      expect(given.claimUntil).toBeUndefined();
      // Not before its time (at it, it may be claimed); the results of the first attempt come with it.
      expect(await world().outbox.claim(row, 'tok-2', plusMs(at(4), -1), at(6))).toBeUndefined();
      expect(await world().outbox.claim(row, 'tok-2', at(4), at(6))).toMatchObject({ attempts: 2, deliveries: { 'inapp:u1': 'sent', 'wecom:gaolanlu': 'retry:45009' } });
      // A row held back until its time is given back without counting the attempt.
      expect(await world().outbox.release(row, 'tok-2', at(8), true)).toBe(true);
      expect(await world().outbox.claim(row, 'tok-3', at(8), at(10))).toMatchObject({ attempts: 2 });
    });

    it('a delayed message waits for its time like a row given back', async () => {
      const t = await filed();
      const row = await rowOf(t, (r) => r.template === 'unresponded');
      expect(await world().outbox.claim(row, 'tok-1', at(4), at(6))).toBeUndefined();
      expect(await world().outbox.claim(row, 'tok-1', at(5), at(7))).toMatchObject({ status: 'claimed', attempts: 1 });
    });

    it('moves a finished row out of the outbox: it cannot be claimed, written or finished again', async () => {
      const t = await filed();
      const row = await rowOf(t, (r) => r.kind === 'photo_tag');
      const claimed = (await world().outbox.claim(row, 'tok-1', at(1), at(3)))!;
      expect(await world().outbox.finish(claimed, 'tok-1', { status: 'skipped', reason: '诉求已不再包含这些照片', deliveries: {}, doneAt: at(2) })).toBe(true);
      expect((await rowsOf([t.id])).map((r) => r.kind ?? r.template)).toEqual(['assigned', 'unresponded', 'risk_check']);
      expect(await world().outbox.claim(row, 'tok-2', at(10), at(12))).toBeUndefined();
      expect(await world().outbox.recordDelivery(row, 'tok-1', 'r1', 'sent')).toBe(false);
      expect(await world().outbox.release(row, 'tok-1', at(10))).toBe(false);
      expect(await world().outbox.finish(claimed, 'tok-1', done)).toBe(false);
    });

    it('finishes a risk check with its warning in one write: the warning\'s messages are queued pending and may be claimed at once', async () => {
      const t = await filed();
      const row = await riskCheckOf(t);
      const claimed = (await world().outbox.claim(row, 'tok-1', at(1), at(3)))!;
      const res = await world().outbox.finishWith(claimed, 'tok-1', { ...done, reason: '已生成风险预警' }, [warning(t, 'high')]);
      expect(res.ok).toBe(true);
      const queued = res.ok ? res.queued : [];
      // A high warning: the assigned unit's task and the office supervisors' alert.
      expect(queued).toHaveLength(2);
      expect(queued[0]).toMatchObject({ ticketId: t.id, status: 'pending', audience: 'handlers', unitId: 'gll-dongjie-g1', template: 'assigned', alert: 'risk', text: '风险预警：请尽快处置' });
      expect(queued[1]).toMatchObject({ ticketId: t.id, status: 'pending', audience: 'supervisors', unitId: 'gaolanlu', kind: 'risk_high', alert: 'risk' });
      const now = await rowsOf([t.id]);
      expect(now.map((r) => r.kind ?? r.template)).toEqual(['assigned', 'unresponded', 'assigned', 'risk_high', 'photo_tag']);
      expect(await world().outbox.claim(queued[1]!, 'tok-2', at(2), at(4))).toMatchObject({ kind: 'risk_high', attempts: 1 });
    });

    it('a warning stored before fails the whole finish ("exists"); a lost claim fails it too ("lost"), and neither writes anything', async () => {
      const t = await filed();
      const other = await filed();
      const mine = (await world().outbox.claim(await riskCheckOf(t), 'tok-t', at(1), at(3)))!;
      const theirs = (await world().outbox.claim(await riskCheckOf(other), 'tok-o', at(1), at(3)))!;
      // A lost claim: nothing written, so the same warning may still be stored by the holder.
      expect(await world().outbox.finishWith(mine, 'tok-wrong', done, [warning(t, 'medium')])).toEqual({ ok: false, reason: 'lost' });
      expect((await rowsOf([t.id])).map((r) => r.kind ?? r.template)).toEqual(['assigned', 'unresponded', 'risk_check', 'photo_tag']);
      const ok = await world().outbox.finishWith(mine, 'tok-t', done, [warning(t, 'medium')]);
      expect(ok.ok && ok.queued.map((r) => r.audience)).toEqual(['handlers']);
      // The same warning again, with another check: refused, and that check is still claimed as it was.
      expect(await world().outbox.finishWith(theirs, 'tok-o', done, [warning(t, 'medium')])).toEqual({ ok: false, reason: 'exists' });
      expect(await riskCheckOf(other)).toMatchObject({ status: 'claimed', claimToken: 'tok-o' });
      expect((await rowsOf([t.id])).filter((r) => r.alert === 'risk')).toHaveLength(1);
      expect(await world().outbox.finish(theirs, 'tok-o', done)).toBe(true);
    });

    it('refuses to write a ticket change with an outbox message', async () => {
      const t = await filed();
      const claimed = (await world().outbox.claim(await riskCheckOf(t), 'tok-1', at(1), at(3)))!;
      const change = { kind: 'linked_change' as const, before: t, decision: { ticket: t, events: [], effects: [] } };
      await expect(world().outbox.finishWith(claimed, 'tok-1', done, [change])).rejects.toThrow();
      expect(await riskCheckOf(t)).toMatchObject({ status: 'claimed', claimToken: 'tok-1' });
    });
  });
}
