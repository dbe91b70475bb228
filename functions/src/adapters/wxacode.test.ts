import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureServer, wechatFixture } from '../../../tests/support/fixture-server.ts';
import { WeChatApi } from './wechat.ts';
import { qrImage } from '../admin/org/posters.ts';
import { posterCode, WxaCodeApi } from './wxacode.ts';

/**
 * 小程序码 through the real adapter against a local server on 127.0.0.1 answering like
 * WeChat: image bytes on success, a JSON error otherwise; every failure falls back to
 * the URL QR code, which a real decoder reads back.
 */
const server = new FixtureServer();
const URL_OF = 'https://mashang.example.cn/q/loc-dajuyuan';
const urlCode = () => qrImage(URL_OF, 'png');
// What getwxacodeunlimit answers on success: image bytes with an image content type.
const IMAGE = new PNG({ width: 4, height: 4 });
const IMAGE_BYTES = PNG.sync.write(IMAGE);

const wxa = () => {
  const wechat = new WeChatApi({ appId: 'wx1234567890abcdef', appSecret: 'app-secret-for-tests', baseUrl: server.url, timeoutMs: 2000 });
  return new WxaCodeApi({ accessToken: () => wechat.accessToken(), baseUrl: server.url, timeoutMs: 2000, envVersion: 'trial' });
};

function decode(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data;
}

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.on('/cgi-bin/stable_token', { body: wechatFixture('stable-token-ok') });
});

describe('wxacode.getUnlimited', () => {
  it('asks for the report page with the location id as scene, and returns WeChat’s image', async () => {
    server.on('/wxa/getwxacodeunlimit', { body: IMAGE_BYTES, contentType: 'image/jpeg' });
    const code = await posterCode(wxa(), 'loc-dajuyuan', urlCode);
    expect(code.kind).toBe('wxacode');
    expect(code.png.equals(IMAGE_BYTES)).toBe(true);
    const [call] = server.calls('/wxa/getwxacodeunlimit');
    expect(call!.query.get('access_token')).toMatch(/^79_/);
    expect(JSON.parse(call!.body)).toEqual({ scene: 'loc-dajuyuan', page: 'pages/report/index', check_path: false, env_version: 'trial', width: 430 });
  });

  it.each([
    ['an unpublished page (41030)', 'wxacode-invalid-page'],
    ['the daily quota (45009)', 'wxacode-rate-limited'],
  ])('falls back to the URL code on %s', async (_what, fixture) => {
    server.on('/wxa/getwxacodeunlimit', { body: wechatFixture(fixture) });
    const code = await posterCode(wxa(), 'loc-dajuyuan', urlCode);
    expect(code).toMatchObject({ kind: 'url' });
    expect(decode(code.png)).toBe(URL_OF);
  });

  it('refreshes a stale token once, and falls back when WeChat is not configured or unreachable', async () => {
    server.on('/wxa/getwxacodeunlimit', { body: wechatFixture('subscribe-send-token-expired') }, { body: IMAGE_BYTES, contentType: 'image/jpeg' });
    expect((await posterCode(wxa(), 'loc-dajuyuan', urlCode)).kind).toBe('wxacode');
    expect(server.calls('/wxa/getwxacodeunlimit')).toHaveLength(2);
    expect(decode((await posterCode(undefined, 'loc-dajuyuan', urlCode)).png)).toBe(URL_OF);
    const down = new WxaCodeApi({ accessToken: async () => 't', baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    expect((await posterCode(down, 'loc-dajuyuan', urlCode)).kind).toBe('url');
  });
});
