import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * A minimal S3-compatible stand-in for photos on this machine, honest where it
 * matters: it checks AWS Signature V4 on every request (presigned POST policies
 * with their expiry, content type and content-length-range; presigned GET URLs
 * with their expiry; SDK calls signed in the Authorization header) and refuses
 * what S3 would refuse, with S3's error codes. It serves one bucket, path-style
 * (`http://127.0.0.1:port/<bucket>/<key>`), and supports only what the backend
 * and the pages use: POST upload (with its `tagging` field), GET (with Range)
 * and HEAD of an object, and PutObjectTagging / GetObjectTagging. It does not
 * run lifecycle rules: tests read the tags the rule would act on.
 */

export interface LocalS3Options {
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  port?: number;
  /** Keep objects in this folder (survives restarts); in memory when unset. */
  dir?: string;
  /** The stand-in's clock, for tests of expiry. */
  now?: () => number;
}

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  server: Server;
  /** Objects stored so far (key → size), for tests. */
  keys(): Map<string, number>;
  /** An object's tags (key → value), or undefined when there is no such object; for tests. */
  tags(key: string): Record<string, string> | undefined;
  /** The next `times` PutObjectTagging requests answer 503 ServiceUnavailable (S3 having a bad moment); for tests. */
  failTagging(times: number): void;
  stop(): Promise<void>;
}

interface StoredObject {
  body: Buffer;
  contentType: string;
  tags: Record<string, string>;
}

const MAX_REQUEST_BYTES = 20 * 1024 * 1024;
const MAX_SKEW_MS = 15 * 60_000;

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `20260101T000000Z` → epoch ms. */
function amzDateMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new S3Error(403, 'AccessDenied', 'bad X-Amz-Date');
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** RFC 3986 encoding, as SigV4 canonical query strings want it. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(rawQuery: string, skip: string): string {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const k = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, '%20'));
      const v = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, '%20'));
      return [k, v] as const;
    })
    .filter(([k]) => k !== skip)
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalHeaders(req: IncomingMessage, signed: string[]): string {
  return signed
    .map((name) => {
      const raw = req.headers[name];
      if (raw === undefined) throw new S3Error(403, 'AccessDenied', `signed header ${name} missing`);
      const value = Array.isArray(raw) ? raw.join(',') : raw;
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
}

/** Parses `multipart/form-data` (binary-safe) into fields and the one file. */
function parseMultipart(body: Buffer, contentType: string): { fields: Map<string, string>; file?: { data: Buffer; after: string[] } } {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new S3Error(400, 'MalformedPOSTRequest', 'no multipart boundary');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const fields = new Map<string, string>();
  let file: { data: Buffer; after: string[] } | undefined;
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the boundary and before the next one
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    if (/filename="/i.test(head) || name.toLowerCase() === 'file') {
      file = { data: Buffer.from(data), after: [] };
    } else if (file) {
      file.after.push(name);
    } else {
      fields.set(name, data.toString('utf8'));
    }
    pos = next;
  }
  return { fields, file };
}

const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>…</TagSet></Tagging>` → tags; MalformedXML/InvalidTag as S3 answers. */
function parseTagging(xml: string): Record<string, string> {
  const body = /^\s*(?:<\?xml[^>]*\?>)?\s*<Tagging(?:\s[^>]*)?>\s*<TagSet>([\s\S]*)<\/TagSet>\s*<\/Tagging>\s*$/.exec(xml)?.[1];
  if (body === undefined) throw new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const tags: Record<string, string> = {};
  const rest = body.replace(/<Tag>\s*<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>\s*<\/Tag>/g, (_m, k: string, v: string) => {
    const key = xmlText(k);
    if (!key || key.length > 128 || v.length > 256 || key in tags) throw new S3Error(400, 'InvalidTag', 'The TagKey you have provided is invalid');
    tags[key] = xmlText(v);
    return '';
  });
  if (rest.trim()) throw new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  if (Object.keys(tags).length > 10) throw new S3Error(400, 'BadRequest', 'Object tags cannot be greater than 10');
  return tags;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new S3Error(400, 'EntityTooLarge', 'request too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the stand-in on 127.0.0.1. */
export async function startLocalS3(opts: LocalS3Options): Promise<LocalS3> {
  const region = opts.region ?? 'cn-northwest-1';
  const now = opts.now ?? Date.now;
  const memory = new Map<string, StoredObject>();
  const sizes = new Map<string, number>();
  const secrets = new Map([[opts.accessKeyId, opts.secretAccessKey]]);
  let tagFailures = 0;

  const objectPath = (key: string) => join(opts.dir!, opts.bucket, ...key.split('/'));
  const put = (key: string, obj: StoredObject) => {
    sizes.set(key, obj.body.length);
    if (!opts.dir) return void memory.set(key, obj);
    const path = objectPath(key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, obj.body);
    writeFileSync(`${path}.meta.json`, JSON.stringify({ contentType: obj.contentType, tags: obj.tags }));
  };
  const get = (key: string): StoredObject | undefined => {
    if (!opts.dir) return memory.get(key);
    const path = objectPath(key);
    if (!existsSync(path) || !existsSync(`${path}.meta.json`)) return undefined;
    const meta = JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as { contentType: string; tags?: Record<string, string> };
    return { body: readFileSync(path), contentType: meta.contentType, tags: meta.tags ?? {} };
  };

  /** Checks a credential scope `AKID/20260101/region/s3/aws4_request`; returns the signing key. */
  const scopeKey = (credential: string, amzDate: string): { key: Buffer; scope: string } => {
    const [akid, date, reg, service, term] = credential.split('/');
    const secret = akid ? secrets.get(akid) : undefined;
    if (!secret) throw new S3Error(403, 'InvalidAccessKeyId', 'unknown access key');
    if (!date || date !== amzDate.slice(0, 8) || reg !== region || service !== 's3' || term !== 'aws4_request') {
      throw new S3Error(403, 'AccessDenied', 'bad credential scope');
    }
    return { key: signingKey(secret, date, region, 's3'), scope: `${date}/${region}/s3/aws4_request` };
  };

  const verifySigned = (req: IncomingMessage, path: string, rawQuery: string, body: Buffer): void => {
    const query = new URLSearchParams(rawQuery);
    let credential: string, signedHeaders: string[], signature: string, amzDate: string, payloadHash: string;
    if (query.has('X-Amz-Signature')) {
      // Presigned URL (query-string authentication).
      if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw new S3Error(403, 'AccessDenied', 'algorithm');
      credential = query.get('X-Amz-Credential') ?? '';
      signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
      signature = query.get('X-Amz-Signature') ?? '';
      amzDate = query.get('X-Amz-Date') ?? '';
      const expires = Number(query.get('X-Amz-Expires'));
      if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) throw new S3Error(403, 'AuthorizationQueryParametersError', 'X-Amz-Expires');
      const signedAt = amzDateMs(amzDate);
      if (now() > signedAt + expires * 1000) throw new S3Error(403, 'AccessDenied', 'Request has expired');
      if (signedAt - now() > MAX_SKEW_MS) throw new S3Error(403, 'RequestTimeTooSkewed', 'signed in the future');
      payloadHash = 'UNSIGNED-PAYLOAD';
    } else {
      const auth = req.headers.authorization ?? '';
      const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
      if (!m) throw new S3Error(403, 'AccessDenied', 'Access Denied');
      [, credential, , signature] = m as unknown as [string, string, string, string];
      signedHeaders = m[2]!.split(';');
      amzDate = String(req.headers['x-amz-date'] ?? '');
      if (Math.abs(amzDateMs(amzDate) - now()) > MAX_SKEW_MS) throw new S3Error(403, 'RequestTimeTooSkewed', 'clock skew');
      payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      if (!payloadHash) throw new S3Error(400, 'InvalidRequest', 'x-amz-content-sha256 missing');
      if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) throw new S3Error(400, 'XAmzContentSHA256Mismatch', 'payload hash');
    }
    if (!signedHeaders.includes('host')) throw new S3Error(403, 'AccessDenied', 'host not signed');
    const { key, scope } = scopeKey(credential, amzDate);
    const canonical = [req.method, path, canonicalQuery(rawQuery, 'X-Amz-Signature'), canonicalHeaders(req, signedHeaders), signedHeaders.join(';'), payloadHash].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    if (!sameHex(createHmac('sha256', key).update(toSign).digest('hex'), signature)) {
      throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
  };

  /** A browser-form upload under a presigned POST policy, checked condition by condition as S3 does. */
  const postObject = (req: IncomingMessage, body: Buffer): string => {
    const { fields, file } = parseMultipart(body, String(req.headers['content-type'] ?? ''));
    if (!file) throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    if (file.after.length) throw new S3Error(400, 'InvalidArgument', 'the file must be the last field');
    const lower = new Map([...fields].map(([k, v]) => [k.toLowerCase(), v]));
    const policyB64 = lower.get('policy');
    const signature = lower.get('x-amz-signature');
    const credential = lower.get('x-amz-credential') ?? '';
    const amzDate = lower.get('x-amz-date') ?? '';
    if (!policyB64 || !signature) throw new S3Error(403, 'AccessDenied', 'policy and signature are required');
    if (lower.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') throw new S3Error(400, 'InvalidArgument', 'algorithm');
    const { key: sk } = scopeKey(credential, amzDate);
    if (!sameHex(createHmac('sha256', sk).update(policyB64).digest('hex'), signature)) {
      throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const policy = JSON.parse(Buffer.from(policyB64, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    if (!(Date.parse(policy.expiration) > now())) throw new S3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const values = new Map(lower);
    values.set('bucket', opts.bucket);
    const covered = new Set(['policy', 'x-amz-signature', 'file']);
    for (const c of policy.conditions) {
      if (Array.isArray(c) && c[0] === 'content-length-range') {
        const [, min, max] = c as [string, number, number];
        if (file.data.length < min || file.data.length > max) {
          throw new S3Error(400, file.data.length > max ? 'EntityTooLarge' : 'EntityTooSmall', `Your proposed upload is ${file.data.length} bytes, allowed ${min}..${max}.`);
        }
        continue;
      }
      const [op, field, expected] = Array.isArray(c) ? (c as [string, string, string]) : (['eq', `$${Object.keys(c as object)[0]}`, Object.values(c as object)[0]] as [string, string, string]);
      const name = field.replace(/^\$/, '').toLowerCase();
      const actual = values.get(name) ?? '';
      const ok = op === 'eq' ? actual === expected : op === 'starts-with' ? actual.startsWith(expected) : false;
      if (!ok) throw new S3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["${op}", "$${name}", "${expected}"]`);
      covered.add(name);
    }
    for (const name of lower.keys()) {
      if (!covered.has(name) && !name.startsWith('x-ignore-')) throw new S3Error(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
    }
    const key = fields.get('key') ?? lower.get('key');
    if (!key) throw new S3Error(400, 'InvalidArgument', 'key is required');
    const tagging = lower.get('tagging');
    put(key, { body: file.data, contentType: lower.get('content-type') ?? 'binary/octet-stream', tags: tagging === undefined ? {} : parseTagging(tagging) });
    return key;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'etag, location');
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'access-control-allow-methods': 'GET, HEAD, POST', 'access-control-allow-headers': '*', 'access-control-max-age': '600' }).end();
      return;
    }
    const segments = rawPath.split('/').filter(Boolean);
    if (segments[0] !== opts.bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const body = await readBody(req);
    if (req.method === 'POST' && segments.length === 1) {
      const key = postObject(req, body);
      res.writeHead(204, { location: `/${opts.bucket}/${key}`, etag: `"${sha256Hex(key).slice(0, 32)}"` }).end();
      return;
    }
    const tagging = new URLSearchParams(rawQuery).has('tagging');
    if (req.method !== 'GET' && req.method !== 'HEAD' && !(req.method === 'PUT' && tagging)) {
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    verifySigned(req, rawPath, rawQuery, body);
    const key = segments.slice(1).map(decodeURIComponent).join('/');
    const obj = get(key);
    if (!obj) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (tagging && req.method === 'PUT') {
      if (tagFailures > 0) {
        tagFailures--;
        throw new S3Error(503, 'ServiceUnavailable', 'Please reduce your request rate.');
      }
      // PutObjectTagging replaces the whole tag set.
      put(key, { ...obj, tags: parseTagging(body.toString('utf8')) });
      res.writeHead(200).end();
      return;
    }
    if (tagging) {
      const set = Object.entries(obj.tags).map(([k, v]) => `<Tag><Key>${xmlEscape(k)}</Key><Value>${xmlEscape(v)}</Value></Tag>`).join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>${set}</TagSet></Tagging>`);
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    const headers = { 'content-type': obj.contentType, 'accept-ranges': 'bytes', 'last-modified': new Date(0).toUTCString() };
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : obj.body.length - 1, obj.body.length - 1);
      if (start >= obj.body.length) throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
      const part = obj.body.subarray(start, end + 1);
      res.writeHead(206, { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${start}-${end}/${obj.body.length}` });
      res.end(req.method === 'HEAD' ? undefined : part);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(obj.body.length) });
    res.end(req.method === 'HEAD' ? undefined : obj.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof S3Error ? err : new S3Error(500, 'InternalError', err instanceof Error ? err.message : String(err));
      if (res.headersSent) return void res.end();
      res.writeHead(e.status, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${e.message.replace(/[<&]/g, '')}</Message></Error>`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: opts.bucket,
    server,
    keys: () => new Map(sizes),
    tags: (key) => {
      const obj = get(key);
      return obj ? { ...obj.tags } : undefined;
    },
    failTagging: (times) => {
      tagFailures = times;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
