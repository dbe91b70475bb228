import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureServer, wechatFixture } from '../../../tests/support/fixture-server.ts';
import { WeChatApi, type SubscribeMessage } from './wechat.ts';

/**
 * The real WeChat adapter against a local HTTP server on 127.0.0.1 that answers
 * with recorded WeChat replies (fixtures/wechat/*.json). Nothing leaves the machine.
 */
const server = new FixtureServer();
let clock = 0;
const api = () => new WeChatApi({ appId: 'wx1234567890abcdef', appSecret: 'app-secret-for-tests', baseUrl: server.url, now: () => clock, timeoutMs: 2000 });

const plain = (name: string) => ({ body: wechatFixture(name), contentType: 'text/plain' });
const json = (name: string) => ({ body: wechatFixture(name) });

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  clock = 1_800_000_000_000;
});

describe('code2Session', () => {
  it('sends appid, secret and the code, and returns the openid and unionid but never the session key', async () => {
    server.on('/sns/jscode2session', plain('code2session-ok'));
    const session = await api().code2Session('081abcDEF');
    expect(session).toEqual({ openid: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', unionid: 'oMq4Z5pGN2Df5rUgSwuQ8dQ8sPbI' });
    expect(JSON.stringify(session)).not.toContain('session_key');
    expect(JSON.stringify(session)).not.toContain('tiihtNczf5v6AKRyjwEUhQ==');
    const [call] = server.calls('/sns/jscode2session');
    expect(call?.method).toBe('GET');
    expect(Object.fromEntries(call!.query)).toEqual({ appid: 'wx1234567890abcdef', secret: 'app-secret-for-tests', js_code: '081abcDEF', grant_type: 'authorization_code' });
  });

  it('works without a unionid (mini-program not bound to an open platform account)', async () => {
    server.on('/sns/jscode2session', plain('code2session-ok-no-unionid'));
    expect(await api().code2Session('081x')).toEqual({ openid: 'oGZUI0SnOJ5Ip3Pw2x0c4Lq7FV9A' });
  });

  it.each([
    ['an invalid code (40029)', 'code2session-invalid-code', 'WECHAT_LOGIN_FAILED', 401],
    ['a code used twice (40163)', 'code2session-code-used', 'WECHAT_LOGIN_FAILED', 401],
    ['the minute quota (45011)', 'code2session-rate-limited', 'UPSTREAM_BUSY', 503],
    ['system busy (-1)', 'code2session-system-busy', 'UPSTREAM_BUSY', 503],
  ])('turns %s into %s with a Chinese message', async (_what, fixture, code, status) => {
    server.on('/sns/jscode2session', plain(fixture));
    const err = await api()
      .code2Session('bad')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code, status });
    expect((err as Error).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('treats an HTTP error page as WeChat being unavailable', async () => {
    server.on('/sns/jscode2session', { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    await expect(api().code2Session('x')).rejects.toMatchObject({ code: 'UPSTREAM_BUSY' });
  });

  it('treats a reply without an openid as a failure, not as somebody', async () => {
    server.on('/sns/jscode2session', { body: '{"session_key":"abc"}', contentType: 'text/plain' });
    await expect(api().code2Session('x')).rejects.toMatchObject({ code: 'UPSTREAM_FAILED' });
  });
});

const message: SubscribeMessage = {
  touser: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE',
  template_id: 'tmpl-status-001',
  page: 'pages/ticket/index?id=2611181234567',
  data: { character_string1: { value: '2611181234567' } },
  miniprogram_state: 'formal',
  lang: 'zh_CN',
};

describe('subscribeMessage.send', () => {
  it('gets a stable access token once, sends the message with it, and reuses the token', async () => {
    server.on('/cgi-bin/stable_token', json('stable-token-ok'));
    server.on('/cgi-bin/message/subscribe/send', json('subscribe-send-ok'));
    const wx = api();
    expect(await wx.send(message)).toEqual({ status: 'sent' });
    expect(await wx.send(message)).toEqual({ status: 'sent' });
    const tokenCalls = server.calls('/cgi-bin/stable_token');
    expect(tokenCalls).toHaveLength(1);
    expect(JSON.parse(tokenCalls[0]!.body)).toEqual({ grant_type: 'client_credential', appid: 'wx1234567890abcdef', secret: 'app-secret-for-tests', force_refresh: false });
    const sends = server.calls('/cgi-bin/message/subscribe/send');
    expect(sends).toHaveLength(2);
    expect(sends[0]!.query.get('access_token')).toMatch(/^79_/);
    expect(JSON.parse(sends[0]!.body)).toEqual(message);
  });

  it('renews the access token before it expires', async () => {
    server.on('/cgi-bin/stable_token', json('stable-token-ok'));
    server.on('/cgi-bin/message/subscribe/send', json('subscribe-send-ok'));
    const wx = api();
    await wx.send(message);
    clock += 7200_000 - 4 * 60_000; // within the last five minutes of the token's two hours
    await wx.send(message);
    expect(server.calls('/cgi-bin/stable_token')).toHaveLength(2);
  });

  it('reports a refusal (43101) so the consent is not used again', async () => {
    server.on('/cgi-bin/stable_token', json('stable-token-ok'));
    server.on('/cgi-bin/message/subscribe/send', json('subscribe-send-refused'));
    expect(await api().send(message)).toMatchObject({ status: 'refused', errcode: 43101 });
  });

  it('refreshes an expired access token (42001) once and repeats the message', async () => {
    server.on('/cgi-bin/stable_token', json('stable-token-ok'));
    server.on('/cgi-bin/message/subscribe/send', json('subscribe-send-token-expired'), json('subscribe-send-ok'));
    expect(await api().send(message)).toEqual({ status: 'sent' });
    expect(server.calls('/cgi-bin/stable_token')).toHaveLength(2);
    expect(server.calls('/cgi-bin/message/subscribe/send')).toHaveLength(2);
  });

  it.each([
    ['the daily quota (45009) as worth a retry', 'subscribe-send-quota', 'retry', 45009],
    ['bad template data (47003) as a failed message', 'subscribe-send-bad-data', 'failed', 47003],
  ])('reports %s', async (_what, fixture, status, errcode) => {
    server.on('/cgi-bin/stable_token', json('stable-token-ok'));
    server.on('/cgi-bin/message/subscribe/send', json(fixture));
    expect(await api().send(message)).toMatchObject({ status, errcode });
  });

  it('sends nothing without an access token (wrong app secret) and leaves the message for a later attempt', async () => {
    server.on('/cgi-bin/stable_token', json('stable-token-bad-secret'));
    server.on('/cgi-bin/message/subscribe/send', json('subscribe-send-ok'));
    expect(await api().send(message)).toMatchObject({ status: 'retry', errcode: 40125 });
    expect(server.calls('/cgi-bin/message/subscribe/send')).toHaveLength(0);
  });

  it('reports an unreachable server as worth a retry', async () => {
    const wx = new WeChatApi({ appId: 'wx1', appSecret: 's', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
    expect(await wx.send(message)).toMatchObject({ status: 'retry' });
  });
});
