import { createHash } from 'node:crypto';
import { auditMonthOf } from '../ports/audit.ts';

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
 *     and open tickets near a place, any category (issue 13): the same index without the category, one query per
 *     place (≤ 50 rows) for the place and its QR neighbours within 500 m (pattern 23) — store/near.ts
 *  7. QR location, unit tree, categories ...... Get/Query PK=LOC#id, PK=ORG (SK UNIT#id), PK=CATALOG (SK CAT#code)
 *  8. staff account by user name ............. Get    PK=STAFF#username
 *  9. calendar overrides and settings ......... Query  PK=CALENDAR (SK DAY#date, SETTINGS)
 * 10. notification outbox, oldest first ....... Query  PK=OUTBOX#shard SK=createdAt#ticket#n (sharded); also a new
 *     request's risk check (n=8990, kind=risk_check, put in its create transaction; app/supervision/risk-checks.ts)
 * 12. a unit's requests of a month (drill-down)  Query byOrigin     GSI6PK=ORIGIN#unit#yyyy-mm GSI6SK=receivedAt#id
 * 13. open breached requests by unit, oldest .. Query openBreaches GSI7PK=BREACH#unit  GSI7SK=firstBreachAt#id (sparse)
 * 11. report counters of a unit for a month ... Query  PK=STAT#unit#yyyy-mm SK=role#day#category (ADD in the ticket's transaction)
 * 14. a unit's open inbox, next deadline first  Query  inboxByDeadline GSI8PK=INBOX#unit GSI8SK=nextDueAt#id (sparse: open only)
 *     (status / category / urgent / "mine" filters are FilterExpressions on this one unit's partition;
 *      a page reads at most INBOX_READ_BOUND index items, see functions/src/store/inbox.ts)
 * 15. open tickets of a unit, counted by status  Get    PK=COUNTS#unit SK=INBOX (ADD in the ticket's transaction)
 * 16. QR locations of a grid ................. Query  PK=GRIDLOC#grid (SK LOC#id)
 * 17. staff invite code (stored hashed) ...... Get/Update PK=INVITE#sha256(code)
 * 18. staff account by bound WeChat openid ... Get    PK=WXSTAFF#openid
 * 19. duplicates merged into a ticket ........ Put    PK=TICKET#id SK=FOL#merged#sourceId (read with the ticket, pattern 1)
 * 20. residents who joined a ticket ("me too") Get/Put PK=TICKET#id SK=FOL#resident (put with the ticket's conditional write)
 *     and the requests a resident joined ....... Query  byResident  GSI2PK=RES#resident GSI2SK=joinedAt#id on the follower row:
 *     one query of pattern 4 lists own and joined requests together; joined ones are then read with BatchGet
 * 21. notification consent of a ticket ....... Query  PK=TICKET#id SK begins_with SUB# (SK=SUB#resident#template, credits:
 *     ADD on consent, conditional decrement per message sent)
 * 22. places by any part of their name ........ Query  PK=PLACENAME#<two characters> SK=name#id (one row per distinct
 *     two-character term of the name; the query's term rows, then contains(name) in a FilterExpression)
 * 23. places near a point .................... Query  PK=PLACEGEO#<geohash 6 | 5> SK=LOC#id (the 9 cells around the point)
 * 24. notifications dispatched, newest first .. Query  PK=OUTLOG#shard SK=createdAt#ticket#n: a message leaves the outbox
 *     (pattern 10, which so holds only what is still to send) for this log in one transaction
 * 25. hotspots: a street office's requests in a time window: pattern 12 (byOrigin), one query per month the window touches
 * 26. risk warnings of a ticket (one per trigger)  Query  PK=TICKET#id SK begins_with RISK# (a reopening's put in the ticket's
 *     own transaction; a creation's with the removal of its risk check, pattern 10, after the create)
 * 27. risk warnings/tasks of an office, by due .. Query  riskByOffice GSI9PK=RISK#office GSI9SK=status#dueAt#warningId (sparse: warnings)
 * 28. a phone number's recent requests ........ Query  byPhone  GSI10PK=PHONE#sha256(digits) GSI10SK=receivedAt#id (sparse, keys only)
 * 29. recent requests at a QR location, any status  Query byPlace GSI11PK=AT#location GSI11SK=receivedAt#id (+categoryCode)
 * 30. risk rules (versioned; admins edit) ...... Get/Put PK=CONFIG SK=RISKRULES (conditional on the version read)
 * 31. years loaded as a whole by an admin ..... Query  PK=CALENDAR SK=YEAR#yyyy (read with pattern 9; the year's days are DAY# rows)
 * 32. requests filed with provisional deadlines  Update PK=CALENDAR SK=NEEDED#yyyy (ADD tickets; the admin home's alert)
 * 33. admin events (audit) of a county, newest first  Query PK=AUDIT#county#yyyy-mm (Beijing month) SK=at#id (put in the change's own transaction)
 * 34. deadline re-derivation job (resumable) .. Get/Put PK=CONFIG SK=JOB#rederive (cursor, conditional on the generation and step)
 * 35. scheduled jobs' last run (health) ...... Put PK=HEARTBEAT SK=sweep|dispatch (each run overwrites); Query PK=HEARTBEAT
 * 36. a unit's duty roster and alert channels .. Query  PK=DUTY#unit (SK ROSTER, CHANNELS): one query per alert
 * 37. a unit's staff (who may be alerted) ...... Query  PK=UNITSTAFF#unit SK=STAFF#username (written with the account)
 * 38. a staff member's in-app messages ........ Query  PK=STAFFMSG#username SK=MSG#createdAt#id newest first; SK=META holds
 *     the unread count (ADD in the message's transaction) — one GetItem for the badge on every staff page
 * 39. red/black list policy (admins edit) ..... Get/Put PK=CONFIG SK=RANKING (with its audit event, functions/src/admin/alert-settings.ts)
 * 39b. staff alert thresholds (admins edit) ... Get/Put PK=CONFIG SK=ALERTS (15-minute check, red cards / hours before county 督办)
 * 39c. a staff member's WeChat subscription consent  Update PK=STAFFSUB#username SK=TMPL#template (credits: ADD on consent,
 *     conditional decrement per alert sent; the openid comes from the account, bound with an invite)
 * 40. livelihood thesaurus rows (admins extend) . Query  PK=CATALOG SK begins_with SYN# (read with the reference data; a row
 *     replaces the bundled default group of its id or adds one: shared/src/synonyms.ts)
 * 41. a street office's dispatched requests (已派出) pattern 12 (byOrigin) for the last 3 months, one page each, with a
 *     FilterExpression: still coordinated by it, held by another unit, return visit not yet recorded (store/dispatched.ts)
 * 42. a resident's one-time transfer code ....... Put/Update PK=TRANSFER#sha256(code) SK=T (conditional: unused, unexpired;
 *     `ttl` removes it TRANSFER_GRACE_DAYS after it expired)
 * R1. rate-limit counter of a subject ......... Update PK=RATE#bucket#sha256(subject) SK=W#windowStart (conditional ADD;
 *     `ttl` removes it a day after its window; see functions/src/store/rate.ts)
 * 41. integration key by its hash (API calls) .. Get    PK=APIKEY#sha256(key) SK=APIKEY (the key itself is never stored)
 * 42. integration keys an admin's unit issued .. Query  PK=APIKEYS#unit SK=KEY#keyId (listing; revoke updates both rows in one transaction)
 * 43. an integration key's calls per minute .. pattern R1 (bucket integrationKey, subject the key id, the key's own limit)
 * 44. requests an external system entered ...... Query  PK=EXTSYS#system SK=receivedAt#ticketId (put in the ticket's create transaction)
 * 45. webhook subscriptions of a system ........ Query  PK=WEBHOOK#system SK=SUB#subscriptionId
 * 46. webhook events of a ticket's status ...... Put    PK=OUTBOX#shard SK=createdAt#ticket#W<version> (outbox, pattern 10; kind=webhook)
 * 46b. photos of a ticket change still to tag .. Put    PK=OUTBOX#shard SK=createdAt#ticket#P<version> (outbox, pattern 10; kind=photo_tag,
 *     put in the change's own transaction when tagging `attached=yes` failed; app/photos/photo-tags.ts)
 * 47. staff accounts of a county (admin list) .. Query  PK=STAFFLIST#county SK=STAFF#username (written with the account)
 * 48. mediation teams of a county ............. Query  PK=MEDIATORS#county SK=MED#id
 * 49. a request by its 12345 work-order number .. Get    PK=WORKORDER#number SK=W (put in the ticket's create transaction,
 *     attribute_not_exists: one request per work order)
 * 50. inbox search (store/search.ts) ........... a request number: pattern 1; a whole phone number: pattern 28 (byPhone,
 *     by hash); a work-order number: pattern 49; a phone tail or words: one page each of the caller's unit's open inbox
 *     (pattern 3) and of its received requests of the last 3 months (pattern 12), FilterExpression, ≤ SEARCH_READ_BOUND read
 * 51. personal-data erasure (functions/src/app/residents/erasure.ts): a resident's list (pattern 4, keys only), each request's
 *     partition (pattern 1), and the notifications of each change of a request: Query PK=OUTBOX#shard | OUTLOG#shard
 *     SK begins_with <change instant>#<ticket>#, one query per instant of its history (no shard read whole)
 */

export const INDEX = {
  inbox: 'inbox',
  byResident: 'byResident',
  due: 'due',
  openAtPlace: 'openAtPlace',
  byOrigin: 'byOrigin',
  openBreaches: 'openBreaches',
  inboxByDeadline: 'inboxByDeadline',
  riskByOffice: 'riskByOffice',
  byPhone: 'byPhone',
  byPlace: 'byPlace',
} as const;

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
  synonym: (id: string) => ({ PK: 'CATALOG', SK: `SYN#${id}` }),
  synonymPrefix: 'SYN#',
  staff: (username: string) => ({ PK: `STAFF#${username.toLowerCase()}`, SK: 'STAFF' }),
  calendarDay: (date: string) => ({ PK: 'CALENDAR', SK: `DAY#${date}` }),
  calendarSettings: () => ({ PK: 'CALENDAR', SK: 'SETTINGS' }),
  calendarPartition: 'CALENDAR',
  dayPrefix: 'DAY#',
  calendarYear: (year: number) => ({ PK: 'CALENDAR', SK: `YEAR#${year}` }),
  calendarYearPrefix: 'YEAR#',
  calendarNeeded: (year: number) => ({ PK: 'CALENDAR', SK: `NEEDED#${year}` }),
  calendarNeededPrefix: 'NEEDED#',
  // The month is Beijing's (the audit page's and the reports' month), not the instant's UTC month.
  auditEvent: (countyId: string, at: string, id: string) => ({ PK: `AUDIT#${countyId}#${auditMonthOf(at)}`, SK: `${at}#${id}` }),
  auditPartition: (countyId: string, month: string) => `AUDIT#${countyId}#${month}`,
  rederiveJob: () => ({ PK: 'CONFIG', SK: 'JOB#rederive' }),
  outbox: (createdAt: string, ticketId: string, n: number) => ({
    PK: `OUTBOX#${shardOf(ticketId, OUTBOX_SHARDS)}`,
    SK: `${createdAt}#${ticketId}#${String(n).padStart(3, '0')}`,
  }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,
  /** The outbox and log rows of one change of a ticket (pattern 49): their sort keys start so. */
  outboxChangePrefix: (createdAt: string, ticketId: string) => `${createdAt}#${ticketId}#`,
  origin: (unitId: string, receivedAt: string, localMonth: string, id: string) => ({ GSI6PK: `ORIGIN#${unitId}#${localMonth}`, GSI6SK: `${receivedAt}#${id}` }),
  originPartition: (unitId: string, month: string) => `ORIGIN#${unitId}#${month}`,
  breach: (unitId: string, firstBreachAt: string, id: string) => ({ GSI7PK: `BREACH#${unitId}`, GSI7SK: `${firstBreachAt}#${id}` }),
  breachPartition: (unitId: string) => `BREACH#${unitId}`,
  stat: (unitId: string, day: string, role: string, categoryCode: string) => ({ PK: `STAT#${unitId}#${day.slice(0, 7)}`, SK: `${role}#${day}#${categoryCode}` }),
  statPartition: (unitId: string, month: string) => `STAT#${unitId}#${month}`,
  /** Sorted by the next unmet deadline; a ticket with none (cannot happen while open) sorts last. */
  inboxByDeadline: (unitId: string, nextDueAt: string | undefined, id: string) => ({ GSI8PK: `INBOX#${unitId}`, GSI8SK: `${nextDueAt ?? '9999'}#${id}` }),
  inboxCounts: (unitId: string) => ({ PK: `COUNTS#${unitId}`, SK: 'INBOX' }),
  gridLocation: (gridId: string, locationId: string) => ({ PK: `GRIDLOC#${gridId}`, SK: `LOC#${locationId}` }),
  gridLocationPartition: (gridId: string) => `GRIDLOC#${gridId}`,
  invite: (codeHash: string) => ({ PK: `INVITE#${codeHash}`, SK: 'INVITE' }),
  wechatStaff: (openid: string) => ({ PK: `WXSTAFF#${openid}`, SK: 'WXSTAFF' }),
  mergeLink: (targetId: string, sourceId: string) => ({ PK: `TICKET#${targetId}`, SK: `FOL#merged#${sourceId}` }),
  follower: (ticketId: string, residentId: string) => ({ PK: `TICKET#${ticketId}`, SK: `FOL#${residentId}` }),
  /** A follower row also sits in the resident's own list (pattern 4), by the time they joined. */
  followerListing: (residentId: string, joinedAt: string, ticketId: string) => ({ GSI2PK: `RES#${residentId}`, GSI2SK: `${joinedAt}#${ticketId}` }),
  subscription: (ticketId: string, residentId: string, templateId: string) => ({ PK: `TICKET#${ticketId}`, SK: `SUB#${residentId}#${templateId}` }),
  subscriptionPrefix: 'SUB#',
  placeName: (term: string, name: string, locationId: string) => ({ PK: `PLACENAME#${term}`, SK: `${name}#${locationId}` }),
  placeNamePartition: (term: string) => `PLACENAME#${term}`,
  placeGeo: (cell: string, locationId: string) => ({ PK: `PLACEGEO#${cell}`, SK: `LOC#${locationId}` }),
  placeGeoPartition: (cell: string) => `PLACEGEO#${cell}`,
  outboxLog: (shard: number, sk: string) => ({ PK: `OUTLOG#${shard}`, SK: sk }),
  outboxLogPartition: (shard: number) => `OUTLOG#${shard}`,
  riskWarning: (ticketId: string, warningId: string) => ({ PK: `TICKET#${ticketId}`, SK: `RISK#${warningId}` }),
  riskWarningPrefix: 'RISK#',
  riskByOffice: (officeId: string, status: string, dueAt: string, warningId: string) => ({ GSI9PK: `RISK#${officeId}`, GSI9SK: `${status}#${dueAt}#${warningId}` }),
  riskByOfficePartition: (officeId: string) => `RISK#${officeId}`,
  /** The phone number only as a hash: keys end up in logs and cursors, numbers must not. */
  phoneHistory: (phone: string, receivedAt: string, id: string) => ({ GSI10PK: phonePartition(phone), GSI10SK: `${receivedAt}#${id}` }),
  phonePartition: (phone: string) => phonePartition(phone),
  placeHistory: (locationId: string, receivedAt: string, id: string) => ({ GSI11PK: `AT#${locationId}`, GSI11SK: `${receivedAt}#${id}` }),
  placeHistoryPartition: (locationId: string) => `AT#${locationId}`,
  riskRules: () => ({ PK: 'CONFIG', SK: 'RISKRULES' }),
  /** Pattern 42: a resident's one-time transfer code, stored as its hash. */
  transfer: (codeHash: string) => ({ PK: `TRANSFER#${codeHash}`, SK: 'T' }),
  staffListing: (countyId: string, username: string) => ({ PK: `STAFFLIST#${countyId}`, SK: `STAFF#${username.toLowerCase()}` }),
  staffListingPartition: (countyId: string) => `STAFFLIST#${countyId}`,
  mediator: (countyId: string, id: string) => ({ PK: `MEDIATORS#${countyId}`, SK: `MED#${id}` }),
  mediatorPartition: (countyId: string) => `MEDIATORS#${countyId}`,
  /** Pattern 49: the request entered for a 12345 work order. */
  workOrder: (workOrderNo: string) => ({ PK: `WORKORDER#${workOrderNo}`, SK: 'W' }),
  heartbeat: (job: string) => ({ PK: 'HEARTBEAT', SK: job }),
  heartbeatPartition: 'HEARTBEAT',
  dutyPartition: (unitId: string) => `DUTY#${unitId}`,
  dutyRoster: (unitId: string) => ({ PK: `DUTY#${unitId}`, SK: 'ROSTER' }),
  dutyChannels: (unitId: string) => ({ PK: `DUTY#${unitId}`, SK: 'CHANNELS' }),
  unitStaff: (unitId: string, username: string) => ({ PK: `UNITSTAFF#${unitId}`, SK: `STAFF#${username.toLowerCase()}` }),
  unitStaffPartition: (unitId: string) => `UNITSTAFF#${unitId}`,
  staffMessage: (username: string, createdAt: string, id: string) => ({ PK: `STAFFMSG#${username.toLowerCase()}`, SK: `MSG#${createdAt}#${id}` }),
  staffMessagePartition: (username: string) => `STAFFMSG#${username.toLowerCase()}`,
  staffMessagePrefix: 'MSG#',
  staffMessageMeta: (username: string) => ({ PK: `STAFFMSG#${username.toLowerCase()}`, SK: 'META' }),
  rankingPolicy: () => ({ PK: 'CONFIG', SK: 'RANKING' }),
  alertPolicy: () => ({ PK: 'CONFIG', SK: 'ALERTS' }),
  staffSubscription: (username: string, templateId: string) => ({ PK: `STAFFSUB#${username}`, SK: `TMPL#${templateId}` }),
  apiKey: (keyHash: string) => ({ PK: `APIKEY#${keyHash}`, SK: 'APIKEY' }),
  apiKeyListing: (unitId: string, keyId: string) => ({ PK: `APIKEYS#${unitId}`, SK: `KEY#${keyId}` }),
  apiKeyListingPartition: (unitId: string) => `APIKEYS#${unitId}`,
  externalRequest: (system: string, receivedAt: string, ticketId: string) => ({ PK: `EXTSYS#${system}`, SK: `${receivedAt}#${ticketId}` }),
  externalRequestPartition: (system: string) => `EXTSYS#${system}`,
  webhookSubscription: (system: string, subscriptionId: string) => ({ PK: `WEBHOOK#${system}`, SK: `SUB#${subscriptionId}` }),
  webhookSubscriptionPartition: (system: string) => `WEBHOOK#${system}`,
  webhookOutbox: (createdAt: string, ticketId: string, version: number) => ({
    PK: `OUTBOX#${shardOf(ticketId, OUTBOX_SHARDS)}`,
    SK: `${createdAt}#${ticketId}#W${String(version).padStart(6, '0')}`,
  }),
  /** Photos of a ticket change whose tagging is to be retried (pattern 46b): one row per ticket version. */
  photoTagOutbox: (createdAt: string, ticketId: string, version: number) => ({
    PK: `OUTBOX#${shardOf(ticketId, OUTBOX_SHARDS)}`,
    SK: `${createdAt}#${ticketId}#P${String(version).padStart(6, '0')}`,
  }),
} as const;

function phonePartition(phone: string): string {
  return `PHONE#${createHash('sha256').update(phone.replace(/\D/g, '')).digest('hex').slice(0, 32)}`;
}

function duePartition(shard: number): string {
  return `DUE#${String(shard).padStart(2, '0')}`;
}

/** The names of every index attribute, so a ticket can leave an index by removing them. */
export const INDEX_ATTRIBUTES = ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'GSI6PK', 'GSI6SK', 'GSI7PK', 'GSI7SK', 'GSI8PK', 'GSI8SK', 'GSI9PK', 'GSI9SK', 'GSI10PK', 'GSI10SK', 'GSI11PK', 'GSI11SK'] as const;

/** Rate-limit counters (pattern R1): the subject (account, resident, IP) only as a hash. */
export const rateKeys = {
  counter: (bucket: string, subject: string, windowStart: number) => ({
    PK: `RATE#${bucket}#${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`,
    SK: `W#${windowStart}`,
  }),
} as const;
