import { isOpen, type Ticket } from '@mashang/shared';
import type { Consent, NotificationConsents, ResidentPage, ResidentRequests } from '../../ports/residents.ts';
import { decodeIndexCursor, encodeCursor } from '../cursor.ts';
import { keys } from '../keys.ts';
import type { MemoryTicketStore } from './tickets.ts';

/** A row of a resident's list as the byResident index holds it: the table key and the index key. */
interface ListRow {
  key: { PK: string; SK: string; GSI2PK: string; GSI2SK: string };
  ticketId: string;
  joined: boolean;
}

/**
 * The resident ports in memory (the twin of functions/src/store/residents.ts), for fast use-case
 * tests; functions/src/store/residents-contract.ts holds both to the same behaviour. It reads and
 * changes the memory ticket store's own rows (its tickets, followers, merge links and consents),
 * as the DynamoDB store reads the rows a ticket change wrote: a resident who joined with a ticket
 * save follows it here too, and a consent given with it has its credit here.
 *
 * As on DynamoDB, "my requests" pages with a cursor of the index's last key (a cursor of another
 * resident's list is refused), and a full page gives a cursor even when nothing follows it.
 */
export class MemoryResidents implements ResidentRequests, NotificationConsents {
  constructor(private readonly store: MemoryTicketStore) {}

  async isFollower(ticketId: string, residentId: string): Promise<boolean> {
    if (this.store.followers.has(followerKey(ticketId, residentId))) return true;
    return [...this.store.mergeLinks.values()].some((l) => l.targetId === ticketId && l.residentId === residentId);
  }

  async joined(ticketIds: string[], residentId: string): Promise<Set<string>> {
    return new Set(ticketIds.filter((id) => this.store.followers.has(followerKey(id, residentId))));
  }

  async addConsents(ticketId: string, residentId: string, templateIds: string[], _at: string): Promise<Record<string, number>> {
    const credits: Record<string, number> = {};
    for (const templateId of templateIds) {
      const key = consentKey(ticketId, residentId, templateId);
      const now = (this.store.consents.get(key) ?? 0) + 1;
      this.store.consents.set(key, now);
      credits[templateId] = now;
    }
    return credits;
  }

  async consents(ticketId: string): Promise<Consent[]> {
    const prefix = `${ticketId}#`;
    return [...this.store.consents.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, credits]) => {
        const rest = key.slice(prefix.length);
        const cut = rest.lastIndexOf('#');
        return { residentId: rest.slice(0, cut), templateId: rest.slice(cut + 1), credits };
      })
      .sort((a, b) => compare(`${a.residentId}#${a.templateId}`, `${b.residentId}#${b.templateId}`)); // the rows' sort keys, SUB#resident#template
  }

  async useCredit(ticketId: string, residentId: string, templateId: string): Promise<boolean> {
    const key = consentKey(ticketId, residentId, templateId);
    const credits = this.store.consents.get(key);
    if (credits === undefined || credits < 1) return false;
    this.store.consents.set(key, credits - 1);
    return true;
  }

  async restoreCredit(ticketId: string, residentId: string, templateId: string): Promise<void> {
    const key = consentKey(ticketId, residentId, templateId);
    const credits = this.store.consents.get(key);
    if (credits !== undefined) this.store.consents.set(key, credits + 1);
  }

  async clearCredits(ticketId: string, residentId: string, templateId: string, _at: string): Promise<void> {
    const key = consentKey(ticketId, residentId, templateId);
    if (this.store.consents.has(key)) this.store.consents.set(key, 0);
  }

  async openAt(locationId: string, categoryCode: string, limit: number): Promise<Ticket[]> {
    return [...this.store.tickets.values()]
      .filter((t) => isOpen(t.status) && t.locationId === locationId && t.categoryCode === categoryCode)
      .sort((a, b) => compare(`${b.receivedAt}#${b.id}`, `${a.receivedAt}#${a.id}`))
      .slice(0, limit)
      .map((t) => structuredClone(t));
  }

  async residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage> {
    const partition = keys.residentPartition(residentId);
    const after = decodeIndexCursor(cursor, { pk: 'GSI2PK', sk: 'GSI2SK', partition }) as ListRow['key'] | undefined;
    const all: ListRow[] = [
      ...[...this.store.tickets.values()]
        .filter((t) => t.residentId === residentId)
        .map((t) => ({ key: { ...keys.ticket(t.id), ...keys.resident(residentId, t.receivedAt, t.id) }, ticketId: t.id, joined: false })),
      ...[...this.store.followers.values()]
        .filter((f) => f.residentId === residentId)
        .map((f) => ({ key: { ...keys.follower(f.ticketId, residentId), ...keys.followerListing(residentId, f.joinedAt, f.ticketId) }, ticketId: f.ticketId, joined: true })),
    ].sort((a, b) => newestFirst(a.key, b.key));
    const start = after ? all.findIndex((r) => newestFirst(r.key, after) > 0) : 0;
    const rows = start < 0 ? [] : all.slice(start, start + limit);
    const items = rows.flatMap((r) => {
      const t = this.store.tickets.get(r.ticketId);
      return t ? [structuredClone(t)] : []; // a joined ticket no longer there is left out
    });
    const last = rows[rows.length - 1];
    return {
      items,
      followed: new Set(rows.filter((r) => r.joined).map((r) => r.ticketId)),
      ...(rows.length === limit && last ? { nextCursor: encodeCursor(last.key)! } : {}),
    };
  }
}

const followerKey = (ticketId: string, residentId: string) => `${ticketId}#${residentId}`;
const consentKey = (ticketId: string, residentId: string, templateId: string) => `${ticketId}#${residentId}#${templateId}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The index's order read backwards: by its sort key, then the table key, newest first. */
const newestFirst = (a: ListRow['key'], b: ListRow['key']) => compare(b.GSI2SK, a.GSI2SK) || compare(b.PK, a.PK) || compare(b.SK, a.SK);
