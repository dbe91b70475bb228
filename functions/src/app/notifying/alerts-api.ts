import { AppError, DutyRosterSchema, isWithin, type Actor, type DutyRoster, type StaffMember } from '@mashang/shared';
import * as z from 'zod/mini';
import { isAcceptableWebhook } from '../../adapters/wecom.ts';
import type { AlertStore, StaffMessage } from '../../store/alerts.ts';
import type { OrgStore } from '../../store/org.ts';
import type { StaffSubscriptionStore } from '../../store/staff-subscriptions.ts';
import type { ReferenceReader } from '../reference.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

const STAFF_ROLES = new Set(['handler', 'supervisor', 'grid_worker', 'operator', 'admin']);

export const ChannelsInputSchema = lazySchema(() => z.object({
  wecomWebhook: z.optional(z.string().check(z.trim(), z.maxLength(500, '链接太长'), z.refine((u) => u === '' || isAcceptableWebhook(u), '请填写企业微信群机器人的 https 链接'))),
}));
export const MarkReadInputSchema = lazySchema(() => z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)), createdAt: z.string().check(z.minLength(1), z.maxLength(40)) }));
/** The templates a staff member accepted in wx.requestSubscribeMessage (each acceptance: one alert). */
export const StaffSubscribeInputSchema = lazySchema(() => z.object({ templateIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1, '请选择要接收的提醒'), z.maxLength(3)) }));

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
 * WeCom robot (kept by the unit's supervisor or an admin).
 */
export class AlertApi {
  constructor(
    private readonly deps: {
      alerts: AlertStore;
      /** Units (reference.ts). */
      reference: ReferenceReader;
      now: () => number;
      /** WeChat subscription messages for staff: the stage's template (undefined: off), consents, accounts (their bound openid). */
      wechat?: { templateId?: string; subscriptions: StaffSubscriptionStore; org: OrgStore };
    },
  ) {}

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

  /**
   * Whether the staff pages should ask for WeChat alert consent: the template to ask for (none
   * when the stage has none), the consents left and whether the account is bound to a WeChat
   * identity (an admin's invite); alerts reach WeChat only when both.
   */
  async subscriptions(actor: Actor): Promise<{ templateIds: string[]; credits: number; wechatBound: boolean }> {
    const id = this.staff(actor);
    const w = this.deps.wechat;
    if (!w?.templateId) return { templateIds: [], credits: 0, wechatBound: false };
    const [credits, account] = await Promise.all([w.subscriptions.credits(id, w.templateId), w.org.staff(id)]);
    return { templateIds: [w.templateId], credits, wechatBound: account?.wechatOpenid !== undefined };
  }

  /** Records the consents a staff member just gave (one per accepted template); unknown templates are refused. */
  async subscribe(actor: Actor, raw: unknown): Promise<{ templateIds: string[]; credits: number; wechatBound: boolean }> {
    const id = this.staff(actor);
    const input = StaffSubscribeInputSchema.parse(raw);
    const w = this.deps.wechat;
    if (!w?.templateId || input.templateIds.some((t) => t !== w.templateId)) throw new AppError('VALIDATION_FAILED', '该提醒模板未启用', [{ path: 'templateIds', message: '该提醒模板未启用' }]);
    await w.subscriptions.add(id, w.templateId, input.templateIds.length, new Date(this.deps.now()).toISOString());
    return this.subscriptions(actor);
  }

  /** A unit's supervisors (for their own unit and below) and admins keep its roster and robot. */
  private async keeper(actor: Actor, unitId: string): Promise<void> {
    const { units } = await this.deps.reference.ref();
    const unit = units.get(unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND', '单位不存在');
    const allowed = (actor.role === 'supervisor' || actor.role === 'admin') && actor.unitId !== undefined && isWithin(unit, actor.unitId);
    if (!allowed) throw new AppError('FORBIDDEN', '只有本单位督办人员或管理员可以设置值班表');
  }

  async duty(actor: Actor, unitId: string): Promise<{ unitId: string; roster: DutyRoster; wecomWebhook?: string; staff: StaffMember[]; updatedAt?: string }> {
    this.staff(actor);
    const { units } = await this.deps.reference.ref();
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
}
