import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError, fromEpochMs, isWithin, type Actor, type Unit } from '@mashang/shared';
import * as z from 'zod/mini';
import { IssueKeyInputSchema, type ApiKeyView, type IssueKeyInput, type IssuedKey } from '@mashang/shared/integration-contracts';
import { type ApiKeyRecord, type IntegrationStore, type WebhookSubscription } from './store.ts';
import { RateLimitedError } from '../app/rate-limits.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

export {
  ApiKeyListSchema,
  ApiKeyViewSchema,
  IssueKeyInputSchema,
  IssuedKeySchema,
  type ApiKeyView,
  type IssueKeyInput,
  type IssuedKey,
} from '@mashang/shared/integration-contracts';

export const SubscribeWebhookInputSchema = lazySchema(() => z.object({ url: z.string().check(z.trim(), z.url('回调地址无效'), z.maxLength(500)) }));
export const WebhookSubscriptionViewSchema = lazySchema(() => z.object({ subscriptionId: z.string(), system: z.string(), url: z.string(), createdAt: z.string() }));
export const IssuedWebhookSchema = lazySchema(() => z.extend(WebhookSubscriptionViewSchema, { secret: z.string() }));
export const ReplayInputSchema = lazySchema(() => z.object({ ticketId: z.string().check(z.minLength(1), z.maxLength(40)) }));
export const ReplayReplySchema = lazySchema(() => z.object({ queued: z.boolean(), eventId: z.string() }));

/** The prefix makes a leaked key recognisable to secret scanners. */
const KEY_PREFIX = 'msk_';
export const hashKey = (apiKey: string): string => createHash('sha256').update(apiKey).digest('hex');

/** The caller behind an API key, as the Open311 use cases see it. */
export interface Integration {
  key: ApiKeyRecord;
  actor: Actor;
}

export interface IntegrationDeps {
  store: IntegrationStore;
  units: () => Promise<Map<string, Unit>>;
  now: () => number;
  /** http:// callback URLs to 127.0.0.1/localhost are allowed only locally (tests, `npm start`). */
  allowLoopbackHttp?: boolean;
}

/**
 * Integration keys and webhook subscriptions. A key is 32 random bytes shown once; only its
 * SHA-256 is stored (a high-entropy secret needs no slow hash). Each call looks the key up
 * again, so a revocation takes effect on the next call. Each key has a fixed-window rate
 * limit: at most `ratePerMinute` calls per UTC minute, counted in DynamoDB so every Lambda
 * instance shares it.
 */
export class IntegrationService {
  constructor(private readonly deps: IntegrationDeps) {}

  private adminUnit(actor: Actor): string {
    if (actor.role !== 'admin' || !actor.unitId) throw new AppError('FORBIDDEN', '仅管理员可管理对接密钥');
    return actor.unitId;
  }

  async issueKey(actor: Actor, raw: IssueKeyInput): Promise<IssuedKey> {
    const unitId = this.adminUnit(actor);
    const input = IssueKeyInputSchema.parse(raw);
    if (input.defaultGridId) {
      const grid = (await this.deps.units()).get(input.defaultGridId);
      if (!grid || grid.kind !== 'grid' || !isWithin(grid, unitId)) throw new AppError('UNIT_NOT_FOUND', '默认网格不存在或不在本辖区', [{ path: 'defaultGridId', message: '请选择本辖区的网格' }]);
    }
    const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const rec: ApiKeyRecord = {
      keyId: randomUUID(),
      keyHash: hashKey(apiKey),
      system: input.system,
      name: input.name,
      channel: input.channel,
      unitId,
      ...(input.defaultGridId ? { defaultGridId: input.defaultGridId } : {}),
      ratePerMinute: input.ratePerMinute,
      createdBy: actor.id,
      createdAt: fromEpochMs(this.deps.now()),
      lastFour: apiKey.slice(-4),
    };
    await this.deps.store.putKey(rec);
    return { ...view(rec), apiKey };
  }

  async listKeys(actor: Actor): Promise<ApiKeyView[]> {
    const items = await this.deps.store.keysOfUnit(this.adminUnit(actor));
    return items.map(view).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async revokeKey(actor: Actor, keyId: string): Promise<ApiKeyView> {
    const unitId = this.adminUnit(actor);
    const rec = await this.deps.store.keyListing(unitId, keyId);
    if (!rec) throw new AppError('NOT_FOUND', '密钥不存在');
    const at = fromEpochMs(this.deps.now());
    await this.deps.store.revokeKey(rec, actor.id, at);
    return view({ ...rec, revokedAt: rec.revokedAt ?? at });
  }

  /**
   * The integration behind an API key, after its rate limit: UNAUTHENTICATED for an unknown
   * or revoked key, RATE_LIMITED (429) past the key's calls per minute.
   */
  async authenticate(apiKey: string | undefined): Promise<Integration> {
    if (!apiKey) throw new AppError('UNAUTHENTICATED', '缺少 api_key');
    if (apiKey.length > 200 || !apiKey.startsWith(KEY_PREFIX)) throw new AppError('UNAUTHENTICATED', 'api_key 无效或已停用');
    const key = await this.deps.store.keyByHash(hashKey(apiKey));
    if (!key || key.revokedAt) throw new AppError('UNAUTHENTICATED', 'api_key 无效或已停用');
    const decision = await this.deps.store.hit(key.keyId, key.ratePerMinute, this.deps.now());
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds, `调用过于频繁：每分钟最多 ${key.ratePerMinute} 次`);
    return { key, actor: { id: `integration:${key.system}`, role: 'system', name: key.name, unitId: key.unitId } };
  }

  // ---- webhooks ---------------------------------------------------------------

  /** An external system subscribes to status changes of its own requests; the secret is shown once. */
  async subscribe(integration: Integration, url: string): Promise<z.infer<typeof IssuedWebhookSchema>> {
    this.checkUrl(url);
    const sub: WebhookSubscription = {
      system: integration.key.system,
      subscriptionId: randomUUID(),
      url,
      secret: `whsec_${randomBytes(32).toString('base64url')}`,
      createdAt: fromEpochMs(this.deps.now()),
      keyId: integration.key.keyId,
    };
    await this.deps.store.putSubscription(sub);
    return { subscriptionId: sub.subscriptionId, system: sub.system, url: sub.url, createdAt: sub.createdAt, secret: sub.secret };
  }

  async subscriptions(integration: Integration): Promise<Array<z.infer<typeof WebhookSubscriptionViewSchema>>> {
    const subs = await this.deps.store.subscriptions(integration.key.system);
    return subs.filter((s) => !s.deletedAt).map((s) => ({ subscriptionId: s.subscriptionId, system: s.system, url: s.url, createdAt: s.createdAt }));
  }

  async unsubscribe(integration: Integration, subscriptionId: string): Promise<void> {
    if (!(await this.deps.store.deleteSubscription(integration.key.system, subscriptionId, fromEpochMs(this.deps.now())))) throw new AppError('NOT_FOUND', '订阅不存在');
  }

  private checkUrl(raw: string): void {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError('VALIDATION_FAILED', '回调地址无效', [{ path: 'url', message: '回调地址无效' }]);
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback && this.deps.allowLoopbackHttp)) return;
    throw new AppError('VALIDATION_FAILED', '回调地址必须使用 https', [{ path: 'url', message: '回调地址必须使用 https' }]);
  }
}

function view(rec: ApiKeyRecord): ApiKeyView {
  return {
    keyId: rec.keyId,
    system: rec.system,
    name: rec.name,
    channel: rec.channel,
    unitId: rec.unitId,
    ...(rec.defaultGridId ? { defaultGridId: rec.defaultGridId } : {}),
    ratePerMinute: rec.ratePerMinute,
    createdBy: rec.createdBy,
    createdAt: rec.createdAt,
    ...(rec.revokedAt ? { revokedAt: rec.revokedAt } : {}),
    lastFour: rec.lastFour,
  };
}
