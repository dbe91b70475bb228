import { formatLocal } from '@mashang/shared';
import type { LoggedMessage, OutboxRow } from '../functions/src/store/outbox.ts';
import type { OutboxMessage } from '../functions/src/store/tickets.ts';

/**
 * The local stand-in for WeChat subscription messages, as a page people can
 * read: what is waiting in the outbox and what the dispatcher did with each
 * message (sent, skipped for want of consent, failed), newest first.
 */

const AUDIENCE: Record<string, string> = { resident: '居民', handlers: '办理人员', supervisors: '督办人员', admins: '管理员', system: '系统' };
const TEMPLATE: Record<string, string> = {
  status_changed: '办理进度',
  sla_warning: '黄牌预警',
  sla_breach: '红牌超时',
  urged: '督办',
  assigned: '派单/待办',
  extension_requested: '延期申请',
  extension_decided: '延期审批',
  calendar_missing: '日历未加载',
  unresponded: '未响应提醒',
  overdue: '超时提请上级督办',
  risk_check: '风险预警研判',
};
const STATUS: Record<string, [string, string]> = {
  pending: ['待发送', 'wait'],
  claimed: ['发送中', 'wait'],
  sent: ['已发送', 'ok'],
  skipped: ['未发送', 'skip'],
  failed: ['失败', 'bad'],
};
const DELIVERY: Record<string, string> = {
  sent: '已送达',
  refused: '用户拒收',
  no_consent: '未订阅或次数用完',
  no_channel: '非微信用户（H5）',
  unknown: '中断，未重发',
  sending: '发送中',
};
/** The channel part of a staff delivery key (`inapp:gll-night`, `wechat:gll-night`, `wecom:gaolanlu`). */
const CHANNEL: Record<string, string> = { inapp: '站内消息', wechat: '微信订阅消息', wecom: '企业微信群' };
const who = (key: string) => {
  const [channel, rest] = key.split(':', 2);
  return rest !== undefined && CHANNEL[channel!] ? `${CHANNEL[channel!]} · ${rest}` : key;
};

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const time = (iso: string | undefined) => {
  try {
    return iso ? formatLocal(iso) : '';
  } catch {
    return iso ?? '';
  }
};

type Row = (OutboxMessage | OutboxRow | LoggedMessage) & { reason?: string; deliveries?: Record<string, string>; doneAt?: string; attempts?: number };

function row(m: Row, units: Map<string, string>): string {
  const [label, tone] = STATUS[m.status] ?? [m.status, 'wait'];
  const deliveries = Object.entries(m.deliveries ?? {})
    .map(([key, d]) => `<li><code>${esc(who(key))}</code> ${esc(DELIVERY[d] ?? d.replace(/^retry:/, '稍后重试 ').replace(/^failed:/, '失败 '))}</li>`)
    .join('');
  return `<tr>
  <td>${esc(time(m.createdAt))}</td>
  <td><a href="/pages-staff/ticket/index?id=${encodeURIComponent(m.ticketId)}">${esc(m.ticketId)}</a></td>
  <td>${esc(AUDIENCE[m.audience] ?? m.audience)}${m.unitId ? `<br><small>${esc(units.get(m.unitId) ?? m.unitId)}</small>` : ''}</td>
  <td>${esc(TEMPLATE[m.template] ?? m.template)}</td>
  <td>${esc(m.text)}</td>
  <td><span class="st ${tone}">${esc(label)}</span>${m.reason ? `<br><small>${esc(m.reason)}</small>` : ''}${deliveries ? `<ul>${deliveries}</ul>` : ''}${m.doneAt ? `<small>${esc(time(m.doneAt))}${m.attempts && m.attempts > 1 ? ` · 第${m.attempts}次` : ''}</small>` : ''}</td>
</tr>`;
}

/** The HTML of /dev/outbox. */
export function outboxPage(queue: Row[], log: Row[], units: Map<string, string> = new Map()): string {
  const table = (rows: Row[], empty: string) =>
    rows.length
      ? `<table><thead><tr><th>时间</th><th>诉求编号</th><th>发给</th><th>类型</th><th>内容</th><th>状态</th></tr></thead><tbody>${rows.map((r) => row(r, units)).join('')}</tbody></table>`
      : `<p class="empty">${empty}</p>`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="10"><title>通知发件箱（本地）</title>
<style>
body{font:16px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;background:#f4f5f7;color:#1f2328}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px}p.note{color:#57606a;margin:0 0 12px}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden}
th,td{padding:8px 10px;border-bottom:1px solid #e3e5e8;text-align:left;vertical-align:top}th{background:#eaeef2;font-weight:600;white-space:nowrap}
td:nth-child(5){min-width:14em}small{color:#6e7781}ul{margin:4px 0;padding-left:18px}code{font-size:13px}
.st{display:inline-block;padding:0 8px;border-radius:999px;font-size:14px;white-space:nowrap}
.ok{background:#dafbe1;color:#1a7f37}.skip{background:#eaeef2;color:#57606a}.bad{background:#ffebe9;color:#c8161d}.wait{background:#fff8c5;color:#7d4e00}
.empty{background:#fff;padding:16px;border-radius:8px;color:#6e7781}a{color:#0a58ca}
</style></head><body>
<h1>通知发件箱（本地开发用）</h1>
<p class="note">部署后这些消息以微信订阅消息发给同意接收的居民（每次同意可发一条）；本地不连微信，发送器只记录结果。页面每10秒刷新。</p>
<h2>待发送（${queue.length}）</h2>
${table(queue, '发件箱是空的：所有消息都已处理。')}
<h2>已处理（最近 ${log.length} 条）</h2>
${table(log, '还没有处理过的消息。通知发送程序每分钟运行一次。')}
</body></html>`;
}
