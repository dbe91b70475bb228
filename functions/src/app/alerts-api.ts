import { AppError, DutyRosterSchema, isWithin, RankingPolicySchema, type Actor, type DutyRoster, type RankingPolicy, type StaffMember } from '@mashang/shared';
import * as z from 'zod';
import { isAcceptableWebhook } from '../adapters/wecom.ts';
import type { AlertStore, StaffMessage } from '../store/alerts.ts';
import type { MashangService } from './service.ts';

const STAFF_ROLES = new Set(['handler', 'supervisor', 'grid_worker', 'operator', 'admin']);

export const ChannelsInputSchema = z.object({
  wecomWebhook: z
    .string()
    .trim()
    .max(500, '链接太长')
    .refine((u) => u === '' || isAcceptableWebhook(u), '请填写企业微信群机器人的 https 链接')
    .optional(),
});
export const MarkReadInputSchema = z.object({ id: z.string().min(1).max(200), createdAt: z.string().min(1).max(40) });

/** Shows whether a webhook is set without handing its key to every reader. */
function maskWebhook(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = new URL(url);
  const key = u.searchParams.get('key');
  return `${u.origin}${u.pathname}${key ? `?key=${key.slice(0, 4)}****` : ''}`;
}

/**
 * Staff alerts as staff see and configure them: their message list with the unread count,
 * a cheap change marker for the inbox (polled every ~20 s), a unit's duty roster (值班表) and
 * WeCom robot (kept by the unit's supervisor or an admin), and the red/black list policy (admins).
 */
export class AlertApi {
  constructor(private readonly deps: { alerts: AlertStore; service: MashangService; now: () => number }) {}

  private staff(actor: Actor): string {
    if (!STAFF_ROLES.has(actor.role) || !actor.unitId) throw new AppError('FORBIDDEN', '仅工作人员可查看');
    return actor.id;
  }

  async messages(actor: Actor, limit = 50): Promise<{ items: StaffMessage[]; unread: number }> {
    const id = this.staff(actor);
    const [items, meta] = await Promise.all([this.deps.alerts.messages(id, limit), this.deps.alerts.messageMeta(id)]);
    return { items, unread: meta.unread };
  }

  async markRead(actor: Actor, input: { id: string; createdAt: string }): Promise<{ unread: number }> {
    const id = this.staff(actor);
    await this.deps.alerts.markRead(id, input.createdAt, input.id);
    return { unread: (await this.deps.alerts.messageMeta(id)).unread };
  }

  /**
   * What changed since the page last looked: the unit inbox's change marker (moved by every
   * ticket transaction that enters, leaves or changes status in the unit) and the caller's
   * message count. Two GetItems; the page reloads its list only when a marker moved.
   */
  async changes(actor: Actor): Promise<{ inbox: number; unread: number; messages: number }> {
    const id = this.staff(actor);
    const [inbox, meta] = await Promise.all([this.deps.alerts.inboxMarker(actor.unitId!), this.deps.alerts.messageMeta(id)]);
    return { inbox, unread: meta.unread, messages: meta.total };
  }

  /** A unit's supervisors (for their own unit and below) and admins keep its roster and robot. */
  private async keeper(actor: Actor, unitId: string): Promise<void> {
    const { units } = await this.deps.service.ref();
    const unit = units.get(unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND', '单位不存在');
    const allowed = (actor.role === 'supervisor' || actor.role === 'admin') && actor.unitId !== undefined && isWithin(unit, actor.unitId);
    if (!allowed) throw new AppError('FORBIDDEN', '只有本单位督办人员或管理员可以设置值班表');
  }

  async duty(actor: Actor, unitId: string): Promise<{ unitId: string; roster: DutyRoster; wecomWebhook?: string; staff: StaffMember[]; updatedAt?: string }> {
    this.staff(actor);
    const { units } = await this.deps.service.ref();
    const unit = units.get(unitId);
    if (!unit || !isWithin(unit, actor.unitId!)) throw new AppError('UNIT_NOT_FOUND', '单位不存在');
    const [duty, staff] = await Promise.all([this.deps.alerts.duty(unitId), this.deps.alerts.unitStaff(unitId)]);
    return { unitId, roster: duty.roster ?? { weekly: [], exceptions: [] }, wecomWebhook: maskWebhook(duty.channels.wecomWebhook), staff, updatedAt: duty.rosterUpdatedAt };
  }

  async putRoster(actor: Actor, unitId: string, raw: unknown): Promise<{ unitId: string; roster: DutyRoster }> {
    await this.keeper(actor, unitId);
    const roster = DutyRosterSchema.parse(raw);
    const members = new Set((await this.deps.alerts.unitStaff(unitId)).map((s) => s.id));
    const strangers = [...roster.weekly, ...roster.exceptions].flatMap((s) => s.staffIds).filter((id) => !members.has(id));
    if (strangers.length) throw new AppError('VALIDATION_FAILED', `值班人员不属于本单位：${[...new Set(strangers)].join('、')}`);
    await this.deps.alerts.putRoster(unitId, roster, actor.id, new Date(this.deps.now()).toISOString());
    return { unitId, roster };
  }

  async putChannels(actor: Actor, unitId: string, raw: unknown): Promise<{ unitId: string; wecomWebhook?: string }> {
    await this.keeper(actor, unitId);
    const input = ChannelsInputSchema.parse(raw);
    const url = input.wecomWebhook || undefined;
    await this.deps.alerts.putChannels(unitId, { wecomWebhook: url }, actor.id, new Date(this.deps.now()).toISOString());
    return { unitId, wecomWebhook: maskWebhook(url) };
  }

  async putRankingPolicy(actor: Actor, raw: unknown): Promise<RankingPolicy> {
    if (actor.role !== 'admin') throw new AppError('FORBIDDEN', '仅管理员可以修改红黑榜规则');
    const policy = RankingPolicySchema.parse(raw);
    await this.deps.alerts.putRankingPolicy(policy, actor.id, new Date(this.deps.now()).toISOString());
    return policy;
  }
}
