import { describe, expect, it } from 'vitest';
import { absorbDuplicate, addMinutes, decide, decideJoin, type Actor, type Ticket } from '@mashang/shared';
import { contractKit, riskWarningWrite } from './contract-kit.ts';
import type { ErasureRows } from '../ports/erasure.ts';
import { VersionConflictError } from '../ports/errors.ts';
import type { Outbox } from '../ports/outbox.ts';
import type { SideWrite, TicketRepository } from '../ports/tickets.ts';

/**
 * The contract of the rows personal-data erasure reads and rewrites (functions/src/ports/erasure.ts),
 * run against the DynamoDB store (tests/integration/erasure-store-contract.test.ts, on DynamoDB
 * Local) and the memory store (functions/src/store/memory/erasure.test.ts) with the same
 * assertions. Rows are made as the product makes them: through the ticket store (filing, joining,
 * merging, with their side-writes) and the outbox (a message sent moves to the log).
 */
export function erasureContract(name: string, world: () => { erasure: ErasureRows; tickets: TicketRepository; outbox: Outbox }): void {
  const { calendar, nextId, opened } = contractKit();
  const handler: Actor = { id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' };
  const receivedAt = '2026-11-18T02:00:00.000Z';

  /** A request filed by `residentId` (consenting to one template, or those given), at `at`. */
  async function filed(residentId: string, opts: { at?: string; templates?: string[]; extra?: (t: Ticket) => SideWrite[] } = {}): Promise<Ticket> {
    const at = opts.at ?? receivedAt;
    const d = opened({ residentId, receivedAt: at, description: '公交站台的灯不亮了，电话13912345678' });
    const id = d.ticket.id;
    await world().tickets.create(d, undefined, [{ kind: 'consent', ticketId: id, residentId, templateIds: opts.templates ?? ['tpl-status'], at }, ...(opts.extra?.(d.ticket) ?? [])]);
    return d.ticket;
  }

  /** `residentId` joins the request ("me too") at `at`, consenting to one template. */
  async function joined(t: Ticket, residentId: string, at: string): Promise<Ticket> {
    const d = decideJoin(t, { id: residentId, role: 'resident' }, at);
    await world().tickets.save(t, d, [
      { kind: 'follower', ticketId: t.id, residentId, at },
      { kind: 'consent', ticketId: t.id, residentId, templateIds: ['tpl-status'], at },
    ]);
    return d.ticket;
  }

  const warningOf = (t: Ticket): SideWrite => riskWarningWrite(t, 'medium', { rule: { name: '重复投诉', indicator: '同一人多次' }, text: '风险预警', assignedUnitId: 'gll-dongjie-g1' });

  const conflict = (p: Promise<unknown>) => p.then(() => 'written', (e: unknown) => (e instanceof VersionConflictError ? 'conflict' : e));

  describe(`erasure rows contract: ${name}`, () => {
    it('reads a request\'s partition: the ticket, its events in order, its consents, warnings and followers', async () => {
      const filer = `res-f-${nextId()}`;
      const joiner = `res-j-${nextId()}`;
      const t = await filed(filer, { extra: (x) => [warningOf(x)] });
      const after = await joined(t, joiner, addMinutes(receivedAt, 3));
      const r = await world().erasure.record(t.id);
      expect(r.ticket).toEqual(after);
      expect(r.events.map((e) => [e.event.seq, e.event.type])).toEqual([
        [1, 'submitted'],
        [2, 'joined'],
      ]);
      expect(r.consents.map((c) => c.residentId).sort()).toEqual([filer, joiner].sort());
      expect(r.warnings.map((w) => w.summary)).toEqual(['公交站台的灯不亮了，电话13912345678']);
      expect(r.followers.map((f) => f.residentId)).toEqual([joiner]);
      expect(await world().erasure.record(`0${nextId()}`)).toEqual({ events: [], consents: [], warnings: [], followers: [] });
    });

    it('finds the messages of the given instants, still to send and sent, and rewrites their text in place', async () => {
      const t = await filed(`res-m-${nextId()}`);
      const joinAt = addMinutes(receivedAt, 3);
      await joined(t, `res-m2-${nextId()}`, joinAt);
      // The filing's first message is sent (moved to the log); its delayed alert is still to send.
      const mine = async () => {
        const rows = [];
        for await (const page of world().outbox.pending(50)) rows.push(...page.filter((r) => r.ticketId === t.id));
        return rows;
      };
      const [first] = await mine();
      const claimed = (await world().outbox.claim(first!, 'tok', addMinutes(receivedAt, 1), addMinutes(receivedAt, 2)))!;
      expect(await world().outbox.finish(claimed, 'tok', { status: 'skipped', deliveries: {}, doneAt: addMinutes(receivedAt, 1) })).toBe(true);
      const msgs = await world().erasure.messages(t.id, [receivedAt, receivedAt, joinAt]);
      // The filing's: the pending alert, then the logged one (a join makes no message here).
      expect(msgs.map((m) => m.text)).toEqual(['诉求提交15分钟仍无人响应', '收到新诉求，请在30分钟内响应']);
      expect(msgs.map((m) => m.audience)).toEqual(['supervisors', 'handlers']);
      expect(await world().erasure.messages(t.id, [addMinutes(receivedAt, 7)])).toEqual([]);
      await world().erasure.apply(msgs.map((m, i) => ({ kind: 'message_text' as const, ref: m.ref, text: `[已删除]${i}` })));
      expect((await world().erasure.messages(t.id, [receivedAt])).map((m) => m.text)).toEqual(['[已删除]0', '[已删除]1']);
      expect((await mine())[0]).toMatchObject({ text: '[已删除]0', status: 'pending' });
    });

    it('a message read while still to send and sent since cannot be rewritten through its old read: a conflict', async () => {
      const t = await filed(`res-s-${nextId()}`);
      const [read] = await world().erasure.messages(t.id, [receivedAt]);
      let row;
      for await (const page of world().outbox.pending(50)) row ??= page.find((r) => r.ticketId === t.id);
      const claimed = (await world().outbox.claim(row!, 'tok', addMinutes(receivedAt, 1), addMinutes(receivedAt, 2)))!;
      await world().outbox.finish(claimed, 'tok', { status: 'skipped', deliveries: {}, doneAt: addMinutes(receivedAt, 1) });
      expect(await conflict(world().erasure.apply([{ kind: 'message_text', ref: read!.ref, text: '[已删除]' }]))).toBe('conflict');
    });

    it('lists a resident\'s filed and joined requests oldest first, limited; an erased request and a removed follower leave the list', async () => {
      const me = `res-l-${nextId()}`;
      const mine = await filed(me, { at: addMinutes(receivedAt, 10) });
      const theirs = await filed(`res-o-${nextId()}`);
      await joined(theirs, me, addMinutes(receivedAt, 20));
      const older = await filed(me);
      expect(await world().erasure.residentPage(me, 10)).toEqual([
        { entity: 'ticket', ticketId: older.id },
        { entity: 'ticket', ticketId: mine.id },
        { entity: 'follower', ticketId: theirs.id },
      ]);
      expect(await world().erasure.residentPage(me, 2)).toHaveLength(2);
      const { residentId: _r, ...erased } = older;
      await world().erasure.saveTicket(older, { ...erased, version: older.version + 1 });
      const follower = (await world().erasure.record(theirs.id)).followers.find((f) => f.residentId === me)!;
      await world().erasure.apply([{ kind: 'remove', ref: follower.ref }]);
      expect(await world().erasure.residentPage(me, 10)).toEqual([{ entity: 'ticket', ticketId: mine.id }]);
      expect((await world().erasure.record(theirs.id)).followers).toEqual([]);
    });

    it('rewrites an event\'s content keeping its number and kind, a warning\'s words over the version read, and removes a consent', async () => {
      const filer = `res-e-${nextId()}`;
      const t = await filed(filer, { extra: (x) => [warningOf(x)] });
      const r = await world().erasure.record(t.id);
      const created = r.events[0]!;
      await world().erasure.apply([
        { kind: 'event', ref: created.ref, event: { ...created.event, note: '[已删除]' } },
        { kind: 'warning', ref: r.warnings[0]!.ref, summary: '公交站台的灯不亮了，电话139****', note: undefined },
        { kind: 'remove', ref: r.consents[0]!.ref },
      ]);
      const after = await world().erasure.record(t.id);
      expect(after.events.map((e) => [e.event.seq, e.event.type, e.event.note])).toEqual([[1, 'submitted', '[已删除]']]);
      expect(after.warnings.map((w) => w.summary)).toEqual(['公交站台的灯不亮了，电话139****']);
      expect(after.consents).toEqual([]);
      // The warning's old read is stale now: its words cannot be written back over the new version.
      expect(await conflict(world().erasure.apply([{ kind: 'warning', ref: r.warnings[0]!.ref, summary: t.description, note: undefined }]))).toBe('conflict');
      expect((await world().erasure.record(t.id)).warnings.map((w) => w.summary)).toEqual(['公交站台的灯不亮了，电话139****']);
    });

    it('shows a merge link among the target\'s followers (as `merged#<duplicate>`), and unlinks the duplicate\'s filer keeping the link', async () => {
      const target = await filed(`res-t-${nextId()}`);
      const dupFiler = `res-d-${nextId()}`;
      const dup = await filed(dupFiler);
      const now = addMinutes(receivedAt, 10);
      const merge = decide(dup, { type: 'merge', intoTicketId: target.id }, handler, now, { calendar });
      await world().tickets.save(dup, merge, [
        { kind: 'linked_change', before: target, decision: absorbDuplicate(target, merge.ticket, handler, now) },
        { kind: 'merge_link', targetId: target.id, sourceId: dup.id, residentId: dupFiler, at: now },
      ]);
      // The DynamoDB store keys the link under the follower rows' prefix: erasure sees it as a follower named so.
      expect((await world().erasure.record(target.id)).followers.map((f) => f.residentId)).toEqual([`merged#${dup.id}`]);
      expect(await world().erasure.mergeLink(target.id, dup.id)).toMatchObject({ residentId: dupFiler });
      expect(await world().erasure.mergeLink(target.id, target.id)).toBeUndefined();
      await world().erasure.apply([{ kind: 'unlink_merged', targetId: target.id, sourceId: dup.id }]);
      const link = await world().erasure.mergeLink(target.id, dup.id);
      expect(link).toBeDefined();
      expect(link?.residentId).toBeUndefined();
      expect(await conflict(world().erasure.apply([{ kind: 'unlink_merged', targetId: target.id, sourceId: target.id }]))).toBe('conflict');
    });

    it('writes a failed transaction\'s changes not at all, but keeps the transactions (25 changes each) before it', async () => {
      const templates = Array.from({ length: 26 }, (_, i) => `tpl-${i}`);
      const t = await filed(`res-c-${nextId()}`, { templates });
      const consents = (await world().erasure.record(t.id)).consents;
      expect(consents).toHaveLength(26);
      const missing = { kind: 'unlink_merged' as const, targetId: t.id, sourceId: t.id };
      // One transaction: the failed condition writes none of it.
      expect(await conflict(world().erasure.apply([{ kind: 'remove', ref: consents[0]!.ref }, missing]))).toBe('conflict');
      expect((await world().erasure.record(t.id)).consents).toHaveLength(26);
      // 26 removals and the failing change: the first 25 are written, the rest are not.
      expect(await conflict(world().erasure.apply([...consents.map((c) => ({ kind: 'remove' as const, ref: c.ref })), missing]))).toBe('conflict');
      expect((await world().erasure.record(t.id)).consents).toHaveLength(1);
    });

    it('saves the erased request over the version read only, with its audit event', async () => {
      const t = await filed(`res-v-${nextId()}`);
      const { residentId: _r, ...rest } = t;
      const erased = { ...rest, version: t.version + 1, erasedAt: addMinutes(receivedAt, 30) };
      const audit = { countyId: 'chengguan', actor: { id: 'admin-1', role: 'admin' as const, name: '管理员' }, at: addMinutes(receivedAt, 30), action: 'ticket.erasePersonalData', target: `ticket:${t.id}` };
      await world().erasure.saveTicket(t, erased, audit);
      expect((await world().erasure.record(t.id)).ticket).toEqual(erased);
      expect(await conflict(world().erasure.saveTicket(t, { ...t, version: t.version + 1 }))).toBe('conflict');
      expect((await world().erasure.record(t.id)).ticket).toEqual(erased);
    });
  });
}
