/**
 * WeCom (企业微信) group robot: a unit's supervisor or admin pastes the group robot's webhook
 * URL; alerts are posted there as markdown. The reply is always HTTP 200 with an errcode:
 * 0 ok; 45009 rate limit (20 messages a minute per robot) and -1 system busy are retried
 * later; 93000 (invalid or removed webhook) and 400xx (bad message) are failures a person
 * must fix. HTTP errors, timeouts and network failures are retried.
 */

/** What a staff-alert channel reports for one message. */
export type ChannelOutcome = { status: 'sent' } | { status: 'retry'; code: string } | { status: 'failed'; code: string };

/** One alert as a channel sends it. */
export interface ChannelMessage {
  title: string;
  body: string;
  link: string;
  /** Display names of the people it is for (mentioned in group channels). */
  recipientNames: string[];
}

/** A channel that posts to a group (WeCom robot) addressed by its URL. */
export interface GroupSender {
  send(webhookUrl: string, message: ChannelMessage): Promise<ChannelOutcome>;
}

/**
 * A provider's per-person send (an SMS gateway would implement this). Not implemented by any
 * provider yet; the dispatcher's per-person channels are `PersonChannel` (app/notifying/staff-channels.ts),
 * of which WeChat subscription messages are built.
 */
export interface PersonSender {
  send(phoneOrOpenid: string, message: ChannelMessage): Promise<ChannelOutcome>;
}

const RETRY_CODES = new Set([45009, -1, 45033]);
/** WeCom's markdown limit is 4096 bytes of UTF-8. */
const MAX_BYTES = 4096;

/** The markdown body WeCom shows; cut to its byte limit. */
export function wecomMarkdown(m: ChannelMessage, linkBase: string): string {
  const lines = [`**${m.title}**`, ...m.body.split('\n').map((l) => `> ${l}`), m.recipientNames.length ? `请 ${m.recipientNames.join('、')} 处理` : '', `[查看诉求](${linkBase}/${m.link})`];
  let text = lines.filter(Boolean).join('\n');
  while (Buffer.byteLength(text, 'utf8') > MAX_BYTES) text = `${[...text].slice(0, -20).join('')}…`;
  return text;
}

/**
 * Whether a webhook URL may be stored: HTTPS, or http on 127.0.0.1 (the local stand-in and
 * tests). The host is not fixed here: a private WeCom deployment has its own.
 */
export function isAcceptableWebhook(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

export class WeComRobot implements GroupSender {
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: { linkBase: string; timeoutMs?: number; fetch?: typeof fetch }) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  async send(webhookUrl: string, message: ChannelMessage): Promise<ChannelOutcome> {
    if (!isAcceptableWebhook(webhookUrl)) return { status: 'failed', code: 'bad_url' };
    let res: Response;
    try {
      res = await this.fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: wecomMarkdown(message, this.opts.linkBase) } }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch {
      return { status: 'retry', code: 'network' };
    }
    if (!res.ok) return { status: 'retry', code: `http_${res.status}` };
    let reply: { errcode?: number };
    try {
      reply = (await res.json()) as { errcode?: number };
    } catch {
      return { status: 'retry', code: 'bad_reply' };
    }
    const code = reply.errcode ?? -1;
    if (code === 0) return { status: 'sent' };
    return RETRY_CODES.has(code) ? { status: 'retry', code: String(code) } : { status: 'failed', code: String(code) };
  }
}
