import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureServer } from '../../../tests/support/fixture-server.ts';
import { isAcceptableWebhook, WeComRobot, wecomMarkdown, type ChannelMessage } from './wecom.ts';

/** The WeCom group-robot sender against a server on 127.0.0.1 answering with recorded replies (fixtures/wecom). */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/wecom/${name}.json`, import.meta.url), 'utf8');
const server = new FixtureServer();
const robot = new WeComRobot({ linkBase: 'https://mashang.example.cn', timeoutMs: 2000 });
const message: ChannelMessage = { title: '【红牌】已超过响应时限', body: '皋兰路街道 · 物业管理 · 西街小区\n响应时限已超时 5 分', link: 'pages-staff/ticket/index?id=T1', recipientNames: ['王芳', '李强'] };
const hook = () => `${server.url}/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`;

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

describe('WeCom group robot', () => {
  it('posts markdown with what, where, who and the link; ok is sent', async () => {
    server.on('/cgi-bin/webhook/send', { body: fixture('send-ok') });
    expect(await robot.send(hook(), message)).toEqual({ status: 'sent' });
    const [call] = server.calls('/cgi-bin/webhook/send');
    expect(call?.method).toBe('POST');
    expect(call?.query.get('key')).toBe('693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
    const body = JSON.parse(call!.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('**【红牌】已超过响应时限**');
    expect(body.markdown.content).toContain('> 皋兰路街道 · 物业管理 · 西街小区');
    expect(body.markdown.content).toContain('请 王芳、李强 处理');
    expect(body.markdown.content).toContain('[查看诉求](https://mashang.example.cn/pages-staff/ticket/index?id=T1)');
  });

  it.each([
    ['rate limit (45009) is retried later', 'send-rate-limited', { status: 'retry', code: '45009' }],
    ['system busy (-1) is retried later', 'send-system-busy', { status: 'retry', code: '-1' }],
    ['an invalid or removed webhook (93000) fails', 'send-invalid-key', { status: 'failed', code: '93000' }],
    ['a rejected message (40058) fails', 'send-too-long', { status: 'failed', code: '40058' }],
  ])('%s', async (_name, name, outcome) => {
    server.on('/cgi-bin/webhook/send', { body: fixture(name) });
    expect(await robot.send(hook(), message)).toEqual(outcome);
  });

  it('retries on an HTTP error, a reply that is not JSON, and a refused connection', async () => {
    server.on('/cgi-bin/webhook/send', { status: 502, body: 'bad gateway' });
    expect(await robot.send(hook(), message)).toEqual({ status: 'retry', code: 'http_502' });
    server.on('/cgi-bin/webhook/send', { body: '<html>' });
    expect(await robot.send(hook(), message)).toEqual({ status: 'retry', code: 'bad_reply' });
    expect(await robot.send('http://127.0.0.1:1/cgi-bin/webhook/send?key=x', message)).toEqual({ status: 'retry', code: 'network' });
  });

  it('accepts only HTTPS webhooks (or the local stand-in) and never posts elsewhere', async () => {
    expect(isAcceptableWebhook('https://wecom.example.cn/cgi-bin/webhook/send?key=k')).toBe(true);
    expect(isAcceptableWebhook('http://127.0.0.1:4570/cgi-bin/webhook/send?key=k')).toBe(true);
    expect(isAcceptableWebhook('http://10.0.0.1/hook')).toBe(false);
    expect(isAcceptableWebhook('not a url')).toBe(false);
    expect(await robot.send('ftp://x/y', message)).toEqual({ status: 'failed', code: 'bad_url' });
  });

  it('keeps the markdown within 4096 bytes', () => {
    const long = wecomMarkdown({ ...message, body: '很长的描述'.repeat(1000) }, 'https://x');
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(4096);
  });
});
