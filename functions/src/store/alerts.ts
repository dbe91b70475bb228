import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlertPolicySchema, DutyRosterSchema, RankingPolicySchema, type AlertPolicy, type DutyRoster, type RankingPolicy, type StaffMember } from '@mashang/shared';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { sendTransaction } from './transact.ts';

/**
 * Staff alerts' data (access patterns 31–34 in keys.ts): each unit's duty roster and alert
 * channels (one partition, read with one query per alert), the unit's staff, each staff
 * member's in-app messages with an unread counter, and the red/black list policy.
 */

export interface UnitChannels {
  /** WeCom group robot webhook, set by the unit's supervisor or an admin. */
  wecomWebhook?: string;
  updatedBy?: string;
  updatedAt?: string;
}

export interface StaffMessage {
  id: string;
  ticketId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read?: boolean;
}

const isConditional = (err: unknown) => (err as { name?: string }).name === 'ConditionalCheckFailedException';

export class AlertStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The row that lists a staff account under its unit (written with the account: seed, imports). */
  static unitStaffRow(s: { username: string; name: string; unitId: string; roles: readonly string[] }): Record<string, unknown> {
    return { ...keys.unitStaff(s.unitId, s.username), entity: 'unitStaff', id: s.username, name: s.name, roles: [...s.roles] };
  }

  static rosterRow(unitId: string, roster: DutyRoster, by: string, at: string): Record<string, unknown> {
    return { ...keys.dutyRoster(unitId), entity: 'dutyRoster', unitId, ...roster, updatedBy: by, updatedAt: at };
  }

  async unitStaff(unitId: string): Promise<StaffMember[]> {
    const { items } = await queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.unitStaffPartition(unitId) } });
    return items.map((i) => ({ id: String(i.id), name: String(i.name), roles: (i.roles as string[]) ?? [] }));
  }

  /** Roster and channels of a unit in one query. */
  async duty(unitId: string): Promise<{ roster?: DutyRoster; channels: UnitChannels; rosterUpdatedAt?: string }> {
    const res = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.dutyPartition(unitId) } }));
    const rows = res.Items ?? [];
    const r = rows.find((i) => i.SK === 'ROSTER');
    const c = rows.find((i) => i.SK === 'CHANNELS');
    return {
      roster: r ? DutyRosterSchema.parse({ weekly: r.weekly ?? [], exceptions: r.exceptions ?? [] }) : undefined,
      rosterUpdatedAt: r?.updatedAt as string | undefined,
      channels: c ? { wecomWebhook: c.wecomWebhook as string | undefined, updatedBy: c.updatedBy as string | undefined, updatedAt: c.updatedAt as string | undefined } : {},
    };
  }

  async putRoster(unitId: string, roster: DutyRoster, by: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: AlertStore.rosterRow(unitId, roster, by, at) }));
  }

  async putChannels(unitId: string, channels: UnitChannels, by: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.dutyChannels(unitId), entity: 'dutyChannels', unitId, ...channels, updatedBy: by, updatedAt: at } }));
  }

  /**
   * Puts an in-app message once: the message id is fixed by the outbox row and the recipient,
   * so a second attempt finds it there and changes nothing (the unread count moves only with
   * the first). Returns false when it was already there.
   */
  async putMessage(username: string, m: StaffMessage): Promise<boolean> {
    try {
      await sendTransaction(this.db, {
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...keys.staffMessage(username, m.createdAt, m.id), entity: 'staffMessage', ...m, read: false }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Update: { TableName: this.table, Key: keys.staffMessageMeta(username), UpdateExpression: 'SET entity = :e ADD unread :one, #t :one', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':e': 'staffMessageMeta', ':one': 1 } } },
        ],
      });
      return true;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
      if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  /** Unread count and a change marker (total messages) for the badge: one GetItem. */
  async messageMeta(username: string): Promise<{ unread: number; total: number }> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.staffMessageMeta(username) }));
    return { unread: Math.max(0, Number(res.Item?.unread ?? 0)), total: Number(res.Item?.total ?? 0) };
  }

  async messages(username: string, limit: number): Promise<StaffMessage[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.staffMessagePartition(username), ':p': keys.staffMessagePrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i) => ({ id: String(i.id), ticketId: String(i.ticketId), kind: String(i.kind), title: String(i.title), body: String(i.body), link: String(i.link), createdAt: String(i.createdAt), read: i.read === true }));
  }

  /** Marks one message read; the unread count drops only if it was unread. */
  async markRead(username: string, createdAt: string, id: string): Promise<boolean> {
    try {
      await sendTransaction(this.db, {
        TransactItems: [
          { Update: { TableName: this.table, Key: keys.staffMessage(username, createdAt, id), UpdateExpression: 'SET #r = :t', ConditionExpression: 'attribute_exists(PK) AND #r = :f', ExpressionAttributeNames: { '#r': 'read' }, ExpressionAttributeValues: { ':t': true, ':f': false } } },
          { Update: { TableName: this.table, Key: keys.staffMessageMeta(username), UpdateExpression: 'ADD unread :m', ExpressionAttributeValues: { ':m': -1 } } },
        ],
      });
      return true;
    } catch (err) {
      const e = err as { name?: string };
      if (e.name === 'TransactionCanceledException' || isConditional(err)) return false;
      throw err;
    }
  }

  /** The unit inbox's change marker: grows with every ticket that enters, leaves or changes status there (one GetItem). */
  async inboxMarker(unitId: string): Promise<number> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.inboxCounts(unitId), ProjectionExpression: 'changes' }));
    return Number(res.Item?.changes ?? 0);
  }

  async rankingPolicy(): Promise<RankingPolicy | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.rankingPolicy() }));
    return res.Item ? RankingPolicySchema.parse(res.Item.policy) : undefined;
  }

  /** The stored settings rows (an admin writes them with their audit event: functions/src/admin/alert-settings.ts). */
  static rankingPolicyRow(policy: RankingPolicy, by: string, at: string): Record<string, unknown> {
    return { ...keys.rankingPolicy(), entity: 'rankingPolicy', policy, updatedBy: by, updatedAt: at };
  }

  static alertPolicyRow(policy: AlertPolicy, by: string, at: string): Record<string, unknown> {
    return { ...keys.alertPolicy(), entity: 'alertPolicy', policy, updatedBy: by, updatedAt: at };
  }

  /** The admin's alert thresholds; undefined when never set (the defaults apply). One GetItem. */
  async alertPolicy(): Promise<AlertPolicy | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.alertPolicy() }));
    return res.Item ? AlertPolicySchema.parse(res.Item.policy) : undefined;
  }

  /** Both settings rows with who changed them last (the admin page). */
  async settings(): Promise<{ alerts?: { policy: AlertPolicy; updatedBy?: string; updatedAt?: string }; ranking?: { policy: RankingPolicy; updatedBy?: string; updatedAt?: string } }> {
    const [a, r] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.table, Key: keys.alertPolicy() })),
      this.db.send(new GetCommand({ TableName: this.table, Key: keys.rankingPolicy() })),
    ]);
    const meta = (i: Record<string, unknown>) => ({ updatedBy: i.updatedBy as string | undefined, updatedAt: i.updatedAt as string | undefined });
    return {
      ...(a.Item ? { alerts: { policy: AlertPolicySchema.parse(a.Item.policy), ...meta(a.Item) } } : {}),
      ...(r.Item ? { ranking: { policy: RankingPolicySchema.parse(r.Item.policy), ...meta(r.Item) } } : {}),
    };
  }
}

