import { ALERT_LABELS, localDateTimeOf, type AlertKind, type AlertMessage, type StaffMember } from '@mashang/shared';
import type { SubscribeMessage, SubscribeSender } from '../../adapters/wechat.ts';
import type { StaffSubscriptionStore } from '../../store/staff-subscriptions.ts';
import type { Delivery } from '../../store/outbox.ts';

/**
 * Staff alert channels addressed to one person (beside the in-app message list and the unit's
 * WeCom robot): WeChat subscription messages for staff who use the mini-program, and further
 * channels (SMS) behind the same interface. The dispatcher (functions/src/app/notifying/notifications.ts)
 * calls each channel once per recipient and records the result under `<channel>:<username>`;
 * a channel records `sending` through `claim` right before the call, so a message is never
 * sent twice, and answers `retry:<code>` for what may succeed later.
 */
export interface PersonChannel {
  /** The delivery key's prefix: `wechat`, `sms`. */
  readonly name: string;
  /**
   * Sends one alert to one staff member. `claim` records `sending` (false: the dispatcher lost
   * its claim — send nothing and answer undefined).
   */
  deliver(to: StaffMember, alert: PersonAlert, claim: () => Promise<boolean>): Promise<Delivery | undefined>;
}

export interface PersonAlert {
  kind: AlertKind;
  ticketId: string;
  message: AlertMessage;
  /** When the alert was raised (the outbox row's time). */
  at: string;
}

/** Cuts text to WeChat's limit for a field kind, by characters (not UTF-16 units). */
function fit(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The subscription message of a staff alert (template 待办提醒 chosen per stage:
 * character_string1 诉求编号 ≤ 32, phrase2 提醒类型 ≤ 5, thing3 提醒内容 ≤ 20, time4 提醒时间),
 * opening the request's staff page.
 */
export function staffAlertMessage(o: { openid: string; templateId: string; alert: PersonAlert; state?: SubscribeMessage['miniprogram_state'] }): SubscribeMessage {
  const { date, minutes } = localDateTimeOf(o.alert.at);
  const [y, m, d] = date.split('-').map(Number);
  const time = `${y}年${m}月${d}日 ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    touser: o.openid,
    template_id: o.templateId,
    page: o.alert.message.link,
    data: {
      character_string1: { value: fit(o.alert.ticketId, 32) },
      phrase2: { value: fit(ALERT_LABELS[o.alert.kind], 5) },
      thing3: { value: fit(o.alert.message.title.replace(/^【[^】]*】/, ''), 20) },
      time4: { value: time },
    },
    miniprogram_state: o.state ?? 'formal',
    lang: 'zh_CN',
  };
}

export interface StaffWeChatDeps {
  templateId: string;
  /** The WeChat API, or locally its stand-in (staff bind with the development identity there). */
  sender: SubscribeSender;
  consents: StaffSubscriptionStore;
  /** The openid bound to the staff account with an admin's invite (undefined: not bound). */
  openidOf: (username: string) => Promise<string | undefined>;
  now: () => string;
  state?: SubscribeMessage['miniprogram_state'];
}

/**
 * WeChat subscription messages to staff: only to an account bound to a WeChat identity (the
 * invite binding) that has a consent left; each message uses one consent (taken before the
 * send, given back when WeChat did not deliver). 43101 (switched off) clears the consents.
 */
export class StaffWeChatChannel implements PersonChannel {
  readonly name = 'wechat';
  constructor(private readonly deps: StaffWeChatDeps) {}

  async deliver(to: StaffMember, alert: PersonAlert, claim: () => Promise<boolean>): Promise<Delivery | undefined> {
    const { templateId, consents } = this.deps;
    const openid = await this.deps.openidOf(to.id);
    if (!openid) return 'no_channel';
    if (!(await consents.use(to.id, templateId))) return 'no_consent';
    if (!(await claim())) {
      await consents.restore(to.id, templateId);
      return undefined;
    }
    const outcome = await this.deps.sender.send(staffAlertMessage({ openid, templateId, alert, state: this.deps.state }));
    if (outcome.status === 'sent') return 'sent';
    if (outcome.status === 'refused') {
      await consents.clear(to.id, templateId, this.deps.now());
      return 'refused';
    }
    await consents.restore(to.id, templateId);
    return outcome.status === 'retry' ? `retry:${outcome.errcode}` : `failed:${outcome.errcode}`;
  }
}
