
/**
 * The mini-program code (小程序码) of a QR location: `POST /wxa/getwxacodeunlimit`, which
 * answers with the image bytes, or with a JSON error (the page is not published yet,
 * quota, stale token). Whatever fails, the caller gets the plain URL QR code instead,
 * which WeChat also opens (普通链接二维码), so a poster can always be printed.
 */
export interface WxaCodeOptions {
  /** The WeChat adapter's cached access token (functions/src/adapters/wechat.ts). */
  accessToken: () => Promise<string>;
  /** https://api.weixin.qq.com unless a test points it at a local server. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** release / trial / develop: which version of the mini-program the code opens. */
  envVersion?: 'release' | 'trial' | 'develop';
}

export type PosterCode = { kind: 'wxacode'; png: Buffer } | { kind: 'url'; png: Buffer; reason: string };

/** WeChat limits `scene` to 32 visible characters. */
const SCENE_MAX = 32;
const STALE_TOKEN = new Set([40001, 40014, 42001]);

export class WxaCodeApi {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: WxaCodeOptions) {
    this.base = (opts.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** The image for `scene` opening `page`, or the WeChat error as `{ errcode, errmsg }`. */
  async unlimited(scene: string, page: string): Promise<{ image: Buffer } | { errcode: number; errmsg: string }> {
    if (scene.length > SCENE_MAX) return { errcode: -5, errmsg: `scene longer than ${SCENE_MAX}` };
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.opts.accessToken();
      const res = await this.fetch(`${this.base}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene, page, check_path: false, env_version: this.opts.envVersion ?? 'release', width: 430 }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const type = res.headers.get('content-type') ?? '';
      if (res.ok && type.startsWith('image/')) return { image: bytes };
      let err: { errcode: number; errmsg: string };
      try {
        const body = JSON.parse(bytes.toString('utf8')) as { errcode?: unknown; errmsg?: unknown };
        err = { errcode: typeof body.errcode === 'number' ? body.errcode : -3, errmsg: String(body.errmsg ?? '') };
      } catch {
        err = { errcode: -4, errmsg: `HTTP ${res.status}` };
      }
      if (STALE_TOKEN.has(err.errcode) && attempt === 0) continue;
      return err;
    }
    return { errcode: 42001, errmsg: 'access_token stale after refresh' };
  }
}

/**
 * The code for a location's poster in the mini-program: the 小程序码 when WeChat gives one,
 * otherwise (no WeChat in this stage, an error, a timeout) the URL QR code that `urlCode` draws.
 */
export async function posterCode(api: WxaCodeApi | undefined, locationId: string, urlCode: () => Promise<Buffer>): Promise<PosterCode> {
  const fallback = async (reason: string): Promise<PosterCode> => ({ kind: 'url', reason, png: await urlCode() });
  if (!api) return fallback('未配置微信小程序');
  try {
    // The page reads `scene` as the location id (miniapp/src/lib/launch.ts).
    const res = await api.unlimited(locationId, 'pages/report/index');
    if ('image' in res) return { kind: 'wxacode', png: res.image };
    return fallback(`微信返回 ${res.errcode}`);
  } catch (err) {
    return fallback(err instanceof Error ? err.message : String(err));
  }
}
