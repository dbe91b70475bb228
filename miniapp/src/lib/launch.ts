/**
 * Where a resident came from: the location id of the street QR code.
 *
 * - Our own links and the H5 build: `/pages/report/index?loc=<id>`.
 * - WeChat "scan a plain-link QR code" (普通链接二维码): the page gets `q`, the
 *   URL-encoded full link `https://host/q/<id>`; the id is its last path segment.
 * - A phone camera opening the printed link in a browser: the H5 path `/q/<id>`.
 */

/** Same shape as LocationSchema's id in shared/src/org.ts. */
const LOCATION_ID = /^[a-z0-9-]{3,40}$/;

/** The parameters a Taro page receives; values may be missing or still URL-encoded. */
export type PageParams = Partial<Record<string, string | undefined>>;

/** Decodes percent-encoding, up to twice (WeChat sometimes encodes `q` twice); never throws. */
export function safeDecode(value: string): string {
  let out = value;
  for (let i = 0; i < 2 && /%[0-9a-fA-F]{2}/.test(out); i += 1) {
    try {
      out = decodeURIComponent(out);
    } catch {
      break;
    }
  }
  return out;
}

/** A location id if `value` is one (trimmed, lower-cased), else undefined. */
export function asLocationId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const id = safeDecode(value).trim().toLowerCase();
  return LOCATION_ID.test(id) ? id : undefined;
}

/**
 * The last non-empty path segment of a link such as `https://host/q/<id>?x=1#y`,
 * or of a bare path `/q/<id>/`.
 */
export function lastPathSegment(link: string): string | undefined {
  const withoutQuery = link.split(/[?#]/, 1)[0] ?? '';
  const path = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const segments = path.split('/').filter((s) => s.length > 0);
  return segments[segments.length - 1];
}

/** The location id in a `/q/<id>` path (H5 opened from a printed link), else undefined. */
export function locationIdFromPath(pathname: string | undefined): string | undefined {
  if (!pathname) return undefined;
  const m = /\/q\/([^/?#]+)\/?$/.exec(pathname.split(/[?#]/, 1)[0] ?? '');
  return m ? asLocationId(m[1]) : undefined;
}

/**
 * The location id from a page's parameters: `loc` first, then WeChat's `q`
 * (the scanned link), else undefined.
 */
export function locationIdFromParams(params: PageParams): string | undefined {
  const loc = asLocationId(params.loc);
  if (loc) return loc;
  // A 小程序码 (wxacode.getUnlimited, printed on admin posters) carries the location id as `scene`.
  const scene = asLocationId(params.scene);
  if (scene) return scene;
  const q = params.q;
  if (q) {
    const link = safeDecode(q);
    // A link like https://host/pages/report/index?loc=<id> also works.
    const query = /[?&]loc=([^&#]+)/.exec(link);
    if (query) return asLocationId(query[1]);
    return asLocationId(lastPathSegment(link));
  }
  return undefined;
}
