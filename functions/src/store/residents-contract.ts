import { describe, expect, it } from 'vitest';
import { absorbDuplicate, addMinutes, decide, decideJoin, type Actor, type Instant, type Ticket } from '@mashang/shared';
import { StoreError } from '../ports/errors.ts';
import type { Consent, NotificationConsents, ResidentPage, ResidentRequests } from '../ports/residents.ts';
import type { SideWrite, TicketRepository } from '../ports/tickets.ts';
import { contractKit } from './contract-kit.ts';

/** The resident ports over one store's tickets: the follower and consent rows are written with ticket changes. */
export interface ResidentWorld {
  residents: ResidentRequests & NotificationConsents;
  tickets: TicketRepository;
}

/**
 * The contract of the resident ports (functions/src/ports/residents.ts), run against the DynamoDB
 * store (tests/integration/residents-store-contract.test.ts, on DynamoDB Local) and the memory twin
 * (functions/src/store/memory/residents.test.ts) with the same assertions. Each case uses
 * residents, requests and places of its own: a DynamoDB table is shared by the whole suite.
 */
export function residentsContract(name: string, world: () => ResidentWorld): void {
  const { calendar, nextId, opened } = contractKit();
  const handler: Actor = { id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' };
  const resident = (id: string): Actor => ({ id, role: 'resident', name: '居民' });
  const at = '2026-11-18T05:00:00.000Z';

  async function filed(opts: Parameters<typeof opened>[0] = {}): Promise<Ticket> {
    const d = opened(opts);
    await world().tickets.create(d, undefined);
    return d.ticket;
  }

  /** "Me too" as the resident use case writes it: the join decision with its follower row (and consents). */
  async function join(ticketId: string, residentId: string, when: Instant = at, templateIds: string[] = []): Promise<void> {
    const t = (await world().tickets.get(ticketId))!;
    const extra: SideWrite[] = [{ kind: 'follower', ticketId, residentId, at: when }];
    if (templateIds.length) extra.push({ kind: 'consent', ticketId, residentId, templateIds, at: when });
    await world().tickets.save(t, decideJoin(t, resident(residentId), when), extra);
  }

  /** Every page of a resident's list, following the cursors (the last page may be empty). */
  async function allPages(residentId: string, limit: number): Promise<ResidentPage[]> {
    const pages: ResidentPage[] = [];
    let cursor: string | undefined;
    do {
      const page = await world().residents.residentTickets(residentId, cursor, limit);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);
    return pages;
  }

  /** Consents in their rows' order (SK `SUB#resident#template`, compared as DynamoDB does, not by locale). */
  const bySortKey = (a: Consent, b: Consent) => {
    const [x, y] = [`${a.residentId}#${a.templateId}`, `${b.residentId}#${b.templateId}`];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const sortedConsents = async (ticketId: string) => (await world().residents.consents(ticketId)).sort(bySortKey);

  describe(`resident ports contract: ${name}`, () => {
    it('a resident follows a request once they joined it, not before; its own resident does not', async () => {
      const t = await filed();
      const r = `res-join-${nextId()}`;
      expect(await world().residents.isFollower(t.id, r)).toBe(false);
      expect(await world().residents.joined([t.id], r)).toEqual(new Set());
      await join(t.id, r);
      expect(await world().residents.isFollower(t.id, r)).toBe(true);
      expect(await world().residents.joined([t.id], r)).toEqual(new Set([t.id]));
      expect(await world().residents.isFollower(t.id, t.residentId!)).toBe(false);
      expect(await world().residents.isFollower(t.id, `res-other-${nextId()}`)).toBe(false);
    });

    it('the resident of a duplicate merged into a request follows it, without having joined it', async () => {
      const target = await filed();
      const source = await filed();
      const now = addMinutes(source.receivedAt, 10);
      const merge = decide(source, { type: 'merge', intoTicketId: target.id }, handler, now, { calendar });
      await world().tickets.save(source, merge, [
        { kind: 'linked_change', before: target, decision: absorbDuplicate(target, merge.ticket, handler, now) },
        { kind: 'merge_link', targetId: target.id, sourceId: source.id, residentId: source.residentId, at: now },
      ]);
      expect(await world().residents.isFollower(target.id, source.residentId!)).toBe(true);
      expect(await world().residents.joined([target.id], source.residentId!)).toEqual(new Set());
      expect(await world().residents.isFollower(target.id, `res-other-${nextId()}`)).toBe(false);
    });

    it('joined() names the requests of a list the resident joined, whatever the list repeats or holds', async () => {
      const [a, b, c] = [await filed(), await filed(), await filed()];
      const r = `res-many-${nextId()}`;
      await join(a.id, r);
      await join(c.id, r);
      await join(b.id, `res-else-${nextId()}`);
      expect(await world().residents.joined([a.id, b.id, c.id, a.id, '0000000000000'], r)).toEqual(new Set([a.id, c.id]));
      expect(await world().residents.joined([], r)).toEqual(new Set());
      expect(await world().residents.joined([a.id, c.id], `res-none-${nextId()}`)).toEqual(new Set());
    });

    it('consents given later and with a join add up per template, and are listed with their credits', async () => {
      const t = await filed();
      const r = `res-consent-${nextId()}`;
      const owner = t.residentId!;
      expect(await world().residents.consents(t.id)).toEqual([]);
      expect(await world().residents.addConsents(t.id, owner, ['tpl-a', 'tpl-b', 'tpl-a'], at)).toEqual({ 'tpl-a': 2, 'tpl-b': 1 });
      await join(t.id, r, at, ['tpl-a']);
      expect(await world().residents.addConsents(t.id, r, ['tpl-a'], at)).toEqual({ 'tpl-a': 2 });
      expect(await sortedConsents(t.id)).toEqual(
        [
          { residentId: owner, templateId: 'tpl-a', credits: 2 },
          { residentId: owner, templateId: 'tpl-b', credits: 1 },
          { residentId: r, templateId: 'tpl-a', credits: 2 },
        ].sort(bySortKey),
      );
      // In the rows' order: by resident, then template.
      expect((await world().residents.consents(t.id)).map((c) => `${c.residentId}#${c.templateId}`)).toEqual((await sortedConsents(t.id)).map((c) => `${c.residentId}#${c.templateId}`));
    });

    it('useCredit uses one consent at a time down to zero, then refuses; an unknown consent is refused', async () => {
      const t = await filed();
      const r = t.residentId!;
      await world().residents.addConsents(t.id, r, ['tpl-a', 'tpl-a'], at);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(true);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(true);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(false);
      expect(await world().residents.consents(t.id)).toEqual([{ residentId: r, templateId: 'tpl-a', credits: 0 }]);
      expect(await world().residents.useCredit(t.id, r, 'tpl-b')).toBe(false);
      expect(await world().residents.useCredit(t.id, `res-none-${nextId()}`, 'tpl-a')).toBe(false);
    });

    it('restoreCredit gives a used consent back', async () => {
      const t = await filed();
      const r = t.residentId!;
      await world().residents.addConsents(t.id, r, ['tpl-a'], at);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(true);
      await world().residents.restoreCredit(t.id, r, 'tpl-a');
      expect(await world().residents.consents(t.id)).toEqual([{ residentId: r, templateId: 'tpl-a', credits: 1 }]);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(true);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(false);
    });

    it('restoreCredit and clearCredits of a consent that is not there (never given, or erased) create nothing', async () => {
      const t = await filed();
      const r = `res-gone-${nextId()}`;
      await world().residents.restoreCredit(t.id, r, 'tpl-a');
      await world().residents.clearCredits(t.id, r, 'tpl-b', at);
      expect(await world().residents.consents(t.id)).toEqual([]);
      expect(await world().residents.useCredit(t.id, r, 'tpl-a')).toBe(false);
    });

    it("clearCredits keeps none of one resident's consents for one template, and only those", async () => {
      const t = await filed();
      const owner = t.residentId!;
      const r = `res-clear-${nextId()}`;
      await world().residents.addConsents(t.id, owner, ['tpl-a', 'tpl-a', 'tpl-a', 'tpl-b'], at);
      await world().residents.addConsents(t.id, r, ['tpl-a'], at);
      await world().residents.clearCredits(t.id, owner, 'tpl-a', addMinutes(at, 1));
      expect(await world().residents.useCredit(t.id, owner, 'tpl-a')).toBe(false);
      expect(await sortedConsents(t.id)).toEqual(
        [
          { residentId: owner, templateId: 'tpl-a', credits: 0 },
          { residentId: owner, templateId: 'tpl-b', credits: 1 },
          { residentId: r, templateId: 'tpl-a', credits: 1 },
        ].sort(bySortKey),
      );
      // A consent given after the refusal counts again.
      expect(await world().residents.addConsents(t.id, owner, ['tpl-a'], addMinutes(at, 2))).toEqual({ 'tpl-a': 1 });
    });

    it('openAt lists the open requests of one place and category, newest first, at most the limit', async () => {
      const place = `loc-contract-${nextId()}`;
      const first = await filed({ locationId: place, receivedAt: '2026-11-18T01:00:00.000Z' });
      const second = await filed({ locationId: place, receivedAt: '2026-11-18T02:00:00.000Z' });
      const third = await filed({ locationId: place, receivedAt: '2026-11-18T03:00:00.000Z' });
      await filed({ locationId: place, categoryCode: 'traffic_light', receivedAt: '2026-11-18T04:00:00.000Z' }); // a code that starts the same
      await filed({ locationId: place, categoryCode: 'sanitation', receivedAt: '2026-11-18T04:00:00.000Z' });
      await filed({ locationId: `${place}-next`, receivedAt: '2026-11-18T04:00:00.000Z' });
      // A request closed (merged away) is no longer open there.
      const merged = await filed({ locationId: place, receivedAt: '2026-11-18T03:30:00.000Z' });
      const now = addMinutes(merged.receivedAt, 10);
      const merge = decide(merged, { type: 'merge', intoTicketId: third.id }, handler, now, { calendar });
      await world().tickets.save(merged, merge, [{ kind: 'linked_change', before: third, decision: absorbDuplicate(third, merge.ticket, handler, now) }]);
      const thirdNow = (await world().tickets.get(third.id))!;

      expect((await world().residents.openAt(place, 'traffic', 10)).map((t) => t.id)).toEqual([third.id, second.id, first.id]);
      expect(await world().residents.openAt(place, 'traffic', 2)).toEqual([thirdNow, second]);
      expect(await world().residents.openAt(place, 'noise', 10)).toEqual([]);
      expect(await world().residents.openAt(`loc-none-${nextId()}`, 'traffic', 10)).toEqual([]);
    });

    it("residentTickets pages a resident's own and joined requests together, newest first, with a cursor", async () => {
      const r = `res-list-${nextId()}`;
      const older = await filed({ residentId: r, receivedAt: '2026-11-18T01:00:00.000Z' });
      const newer = await filed({ residentId: r, receivedAt: '2026-11-18T03:00:00.000Z' });
      const others = await filed({ receivedAt: '2026-11-18T00:30:00.000Z' });
      await join(others.id, r, '2026-11-18T02:00:00.000Z');
      const joinedNow = (await world().tickets.get(others.id))!;
      await filed(); // another resident's

      const whole = await world().residents.residentTickets(r, undefined, 10);
      expect(whole.items).toEqual([newer, joinedNow, older]);
      expect(whole.followed).toEqual(new Set([others.id]));

      const pages = await allPages(r, 2);
      expect(pages[0]!.items).toEqual([newer, joinedNow]);
      expect(pages[0]!.followed).toEqual(new Set([others.id]));
      expect(pages[0]!.nextCursor).toEqual(expect.any(String));
      expect(pages[1]!.items).toEqual([older]);
      expect(pages[1]!.followed).toEqual(new Set());
      expect(pages.slice(2).flatMap((p) => p.items)).toEqual([]);

      expect(await world().residents.residentTickets(`res-empty-${nextId()}`, undefined, 10)).toMatchObject({ items: [], followed: new Set() });
    });

    it("refuses a cursor of another resident's list, or one not of ours", async () => {
      const r = `res-cursor-${nextId()}`;
      await filed({ residentId: r });
      await filed({ residentId: r });
      const { nextCursor } = await world().residents.residentTickets(r, undefined, 1);
      expect(nextCursor).toEqual(expect.any(String));
      // A full page gives a cursor even when nothing follows it (the query stops at its limit): the page after it is empty.
      const full = await world().residents.residentTickets(r, undefined, 2);
      expect(full.items).toHaveLength(2);
      expect(full.nextCursor).toEqual(expect.any(String));
      expect(await world().residents.residentTickets(r, full.nextCursor, 2)).toEqual({ items: [], followed: new Set() });
      const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof StoreError ? e.reason : e));
      expect(await refusal(world().residents.residentTickets(`res-thief-${nextId()}`, nextCursor, 10))).toBe('bad_cursor');
      expect(await refusal(world().residents.residentTickets(r, 'not-a-cursor', 10))).toBe('bad_cursor');
    });
  });
}
