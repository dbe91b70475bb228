import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocationSchema, type Location } from '@mashang/shared';
import * as z from 'zod/mini';
import { StoreError } from '../ports/errors.ts';
import { keys } from './keys.ts';
import { INVITE_GRACE_DAYS, TTL_ATTRIBUTE, ttlAfter } from './ttl.ts';
import type { TransactItem } from './tickets.ts';
import { sendTransaction } from './transact.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

/** An invite an admin issued for one staff account; stored under the hash of its code. */
export const InviteSchema = lazySchema(() => z.object({
  username: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.optional(z.string()),
}));
export type Invite = z.infer<typeof InviteSchema>;

function cancellationCodes(err: unknown): Array<string | undefined> | undefined {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []).map((r) => r.Code) : undefined;
}

/**
 * Staff identity and the places staff file from: invite codes, WeChat bindings and the
 * QR locations of each grid (access patterns 16–18 in keys.ts).
 */
export class StaffStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The QR locations of one grid (pattern 16): a grid worker picks where they met the resident. */
  async locationsOfGrid(gridId: string): Promise<Location[]> {
    const res = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.gridLocationPartition(gridId) } }),
    );
    return (res.Items ?? []).map((r) => LocationSchema.parse(r));
  }

  /** The row listing a location under its grid; written next to the location's own row. */
  static gridLocationRow(l: Location): Record<string, unknown> {
    return { ...l, ...keys.gridLocation(l.gridId, l.id), entity: 'gridLocation' };
  }

  /** Stores a new invite; the code itself is never stored, only its hash. */
  async putInvite(codeHash: string, invite: Invite): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...keys.invite(codeHash), entity: 'invite', ...invite, [TTL_ATTRIBUTE]: ttlAfter(invite.expiresAt, INVITE_GRACE_DAYS) }, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
  }

  async invite(codeHash: string): Promise<Invite | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.invite(codeHash), ConsistentRead: true }));
    return res.Item ? InviteSchema.parse(res.Item) : undefined;
  }

  /** The staff account a WeChat identity is bound to (pattern 18). */
  async usernameByOpenid(openid: string): Promise<string | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.wechatStaff(openid), ConsistentRead: true }));
    return typeof res.Item?.username === 'string' ? res.Item.username : undefined;
  }

  /**
   * Binds `openid` to the invite's account in one transaction: the invite is used up
   * (only if unused, unexpired and for this account), the openid is claimed (unless it
   * is already another account's), the account remembers it, and a previous binding of
   * the account is released. Any failed condition changes nothing.
   */
  async bind(args: { codeHash: string; username: string; openid: string; previousOpenid?: string; now: string }): Promise<void> {
    const { codeHash, username, openid, previousOpenid, now } = args;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: keys.invite(codeHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :now AND username = :u',
          ExpressionAttributeValues: { ':now': now, ':u': username },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.wechatStaff(openid), entity: 'wechatStaff', username, boundAt: now },
          ConditionExpression: 'attribute_not_exists(PK) OR username = :u',
          ExpressionAttributeValues: { ':u': username },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.staff(username),
          UpdateExpression: 'SET wechatOpenid = :o',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(disabled) OR disabled = :f)',
          ExpressionAttributeValues: { ':o': openid, ':f': false },
        },
      },
    ];
    if (previousOpenid && previousOpenid !== openid) {
      items.push({
        Delete: { TableName: this.table, Key: keys.wechatStaff(previousOpenid), ConditionExpression: 'attribute_not_exists(PK) OR username = :u', ExpressionAttributeValues: { ':u': username } },
      });
    }
    try {
      await sendTransaction(this.db, { TransactItems: items });
    } catch (err) {
      const codes = cancellationCodes(err);
      if (!codes) throw err;
      if (codes[1] === 'ConditionalCheckFailed') throw new StoreError('wechat_taken', { cause: err });
      if (codes[2] === 'ConditionalCheckFailed') throw new StoreError('account_unavailable', { cause: err });
      throw new StoreError('invite_unusable', { cause: err });
    }
  }
}
