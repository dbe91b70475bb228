/**
 * Every DynamoDB key of the single table, and the access patterns they serve.
 * No other module builds a key. (Table definition: infra/table.json.)
 *
 * Access patterns
 *  1. ticket + its full event history ........ Query  PK=TICKET#id (SK T, EV#000001 …)
 *  2. create a ticket once per client token ... Put    PK=IDEM#token (same transaction as 1)
 *  3. a unit's open inbox, newest first ....... Query  inbox       GSI1PK=INBOX#unit  GSI1SK=receivedAt#id   (sparse: open only)
 *  4. a resident's own tickets, newest first .. Query  byResident  GSI2PK=RES#resident GSI2SK=receivedAt#id
 *  5. tickets whose next SLA checkpoint came .. Query  due         GSI3PK=DUE#shard   GSI3SK<=now           (sparse, 16 shards)
 *  6. open tickets at a place by category ..... Query  openAtPlace GSI4PK=PLACE#loc   GSI4SK=category#receivedAt#id (sparse)
 *  7. QR location, unit tree, categories ...... Get/Query PK=LOC#id, PK=ORG (SK UNIT#id), PK=CATALOG (SK CAT#code)
 *  8. staff account by user name ............. Get    PK=STAFF#username
 *  9. calendar overrides and settings ......... Query  PK=CALENDAR (SK DAY#date, SETTINGS)
 * 10. notification outbox, oldest first ....... Query  PK=OUTBOX#shard SK=createdAt#ticket#n (sharded)
 * 11. report counters of a unit for a month ... Query  PK=STAT#unit#yyyy-mm SK=role#day#category (ADD in the ticket's transaction)
 */

export const INDEX = { inbox: 'inbox', byResident: 'byResident', due: 'due', openAtPlace: 'openAtPlace' } as const;

/**
 * The due index is spread over this many partitions so that ~80 new tickets/s
 * (10× Beijing's peak) and their later re-keying never concentrate on one
 * partition; the sweeper queries every shard, which costs one request each.
 */
export const DUE_SHARDS = 16;
export const OUTBOX_SHARDS = 8;

/** FNV-1a: a stable, well-spread hash so a ticket always lands on the same shard. */
export function shardOf(id: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

const pad = (n: number): string => String(n).padStart(6, '0');

export const keys = {
  ticket: (id: string) => ({ PK: `TICKET#${id}`, SK: 'T' }),
  ticketPartition: (id: string) => `TICKET#${id}`,
  event: (ticketId: string, seq: number) => ({ PK: `TICKET#${ticketId}`, SK: `EV#${pad(seq)}` }),
  eventPrefix: 'EV#',
  idempotency: (token: string) => ({ PK: `IDEM#${token}`, SK: 'IDEM' }),

  inbox: (unitId: string, receivedAt: string, id: string) => ({ GSI1PK: `INBOX#${unitId}`, GSI1SK: `${receivedAt}#${id}` }),
  inboxPartition: (unitId: string) => `INBOX#${unitId}`,
  resident: (residentId: string, receivedAt: string, id: string) => ({ GSI2PK: `RES#${residentId}`, GSI2SK: `${receivedAt}#${id}` }),
  residentPartition: (residentId: string) => `RES#${residentId}`,
  due: (id: string, at: string) => ({ GSI3PK: duePartition(shardOf(id, DUE_SHARDS)), GSI3SK: `${at}#${id}` }),
  duePartition: (shard: number) => duePartition(shard),
  /** Upper bound for "checkpoint at or before now": '~' sorts after '#' and every id character. */
  dueUntil: (now: string) => `${now}#~`,
  place: (locationId: string, categoryCode: string, receivedAt: string, id: string) => ({
    GSI4PK: `PLACE#${locationId}`,
    GSI4SK: `${categoryCode}#${receivedAt}#${id}`,
  }),
  placePartition: (locationId: string) => `PLACE#${locationId}`,

  location: (id: string) => ({ PK: `LOC#${id}`, SK: 'LOC' }),
  unit: (id: string) => ({ PK: 'ORG', SK: `UNIT#${id}` }),
  orgPartition: 'ORG',
  unitPrefix: 'UNIT#',
  category: (code: string) => ({ PK: 'CATALOG', SK: `CAT#${code}` }),
  catalogPartition: 'CATALOG',
  categoryPrefix: 'CAT#',
  staff: (username: string) => ({ PK: `STAFF#${username.toLowerCase()}`, SK: 'STAFF' }),
  calendarDay: (date: string) => ({ PK: 'CALENDAR', SK: `DAY#${date}` }),
  calendarSettings: () => ({ PK: 'CALENDAR', SK: 'SETTINGS' }),
  calendarPartition: 'CALENDAR',
  dayPrefix: 'DAY#',
  outbox: (createdAt: string, ticketId: string, n: number) => ({
    PK: `OUTBOX#${shardOf(ticketId, OUTBOX_SHARDS)}`,
    SK: `${createdAt}#${ticketId}#${String(n).padStart(3, '0')}`,
  }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,
  stat: (unitId: string, day: string, role: string, categoryCode: string) => ({ PK: `STAT#${unitId}#${day.slice(0, 7)}`, SK: `${role}#${day}#${categoryCode}` }),
  statPartition: (unitId: string, month: string) => `STAT#${unitId}#${month}`,
} as const;

function duePartition(shard: number): string {
  return `DUE#${String(shard).padStart(2, '0')}`;
}

/** The names of every index attribute, so a ticket can leave an index by removing them. */
export const INDEX_ATTRIBUTES = ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK'] as const;
