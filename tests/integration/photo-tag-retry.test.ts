import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTicketReplySchema, SessionReplySchema } from '@mashang/shared/contracts/common';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { photoTagsFor } from '../../functions/src/app/resident-runtime.ts';
import type { run as DispatcherJob } from '../../functions/src/handlers/jobs/dispatcher.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { PHOTO_TAG_MAX_ATTEMPTS } from '../../functions/src/app/photos/photo-tags.ts';
import { METRIC } from '../../functions/src/http/observe.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { httpEvent as event, replyBody as parse } from '../support/http.ts';
import { uploadPhoto } from '../support/photos.ts';

/**
 * "Nothing a resident submitted is ever lost": a photo whose `attached=yes` tagging fails while
 * its request (or a resolution) is filed used to be logged only, and the bucket's lifecycle rule
 * deleted it the next day. Now the write that stores the request carries a `photo_tag` outbox row
 * (functions/src/app/photos/photo-tags.ts) and the dispatcher tags the photo: through the real handlers,
 * the real S3 adapter and the S3 stand-in made to fail PutObjectTagging, on DynamoDB Local.
 */
let h: Harness;
let s3: LocalS3;
type Api = (e: HttpEvent) => Promise<HttpResult>;
let publicApi: Api;
let ticketsApi: Api;
let residentApi: Api;
let dispatcherJob: typeof DispatcherJob;
let db: ReturnType<typeof createDocClient>;

/** What the photo storage tries per call (maxAttempts, functions/src/adapters/storage.ts): this many failures fail one tagging. */
const STORAGE_ATTEMPTS = 3;
let seq = 0;

const deviceToken = async () => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device')))).token;
const staffToken = async (username: string) => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;


async function fileWith(token: string, photos: string[]): Promise<HttpResult> {
  return ticketsApi(event('POST /api/tickets', { token, body: { clientToken: `phototag-${++seq}-${Math.random().toString(36).slice(2, 10)}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', photos } }));
}

/** A resident's request filed with one photo while PutObjectTagging fails `failures` times. */
async function fileWithUntaggedPhoto(failures: number): Promise<{ photo: string; id: string }> {
  const token = await deviceToken();
  const photo = await uploadPhoto(residentApi, token);
  s3.failTagging(failures);
  const res = await fileWith(token, [photo]);
  expect(res.statusCode, res.body).toBe(201);
  return { photo, id: CreateTicketReplySchema.parse(parse(res)).ticket.id };
}

async function command(token: string, id: string, cmd: Record<string, unknown>): Promise<void> {
  const res = await ticketsApi(event('POST /api/tickets/{id}/commands', { token, path: { id }, body: { command: cmd } }));
  expect(res.statusCode, res.body).toBe(200);
}

/** The `photo_tag` rows still in the outbox for a ticket. */
async function pendingTags(ticketId: string) {
  const outbox = new OutboxStore(db, h.tableName);
  const rows = [];
  for await (const page of outbox.pending(100)) rows.push(...page.filter((r) => r.kind === 'photo_tag' && r.ticketId === ticketId));
  return rows;
}

beforeAll(async () => {
  h = await createHarness();
  db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  s3 = await handlerEnvWithS3(h, 'phototag', 'test', { RATE_LIMITS: '' });
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
  dispatcherJob = (await import('../../functions/src/handlers/jobs/dispatcher.ts')).run;
}, 120_000);
afterAll(async () => {
  await s3.stop();
  await h.drop();
});

describe('a photo whose tagging failed while its request was filed', () => {
  it('is filed normally (201), then tagged attached=yes by the next dispatcher run; a second run does nothing more', async () => {
    const { photo, id } = await fileWithUntaggedPhoto(STORAGE_ATTEMPTS);
    expect((await h.tickets.get(id))!.photos).toEqual([photo]);
    // Tagging failed (after the storage's retries): left attached=no, which the lifecycle rule would delete in a day.
    expect(s3.tags(photo)).toEqual({ attached: 'no' });
    expect((await pendingTags(id)).map((r) => r.photoKeys)).toEqual([[photo]]);

    const first = await dispatcherJob(undefined);
    expect(first.counts).toMatchObject({ photosTagged: 1 });
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });
    expect(await pendingTags(id)).toEqual([]);

    const second = await dispatcherJob(undefined);
    expect(second.counts).toMatchObject({ photosTagged: 0 });
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });
  });

  it('carries no retry when the photo was tagged at once', async () => {
    const token = await deviceToken();
    const photo = await uploadPhoto(residentApi, token);
    const res = await fileWith(token, [photo]);
    expect(res.statusCode, res.body).toBe(201);
    const id = CreateTicketReplySchema.parse(parse(res)).ticket.id;
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });
    expect(await pendingTags(id)).toEqual([]);
  });

  it('keeps trying while S3 still fails: given back with a backoff, tagged once the backoff has passed (settable clock)', async () => {
    // The filing's tagging and the dispatcher's first attempt fail.
    const { photo, id } = await fileWithUntaggedPhoto(2 * STORAGE_ATTEMPTS);
    // The dispatcher on the harness's clock (set to the wall clock's now: the row was written by a handler on it).
    h.clock.set(new Date().toISOString());
    const dispatcher = new Dispatcher({
      outbox: new OutboxStore(db, h.tableName),
      residents: new ResidentStore(db, h.tableName),
      tickets: new TicketStore(db, h.tableName),
      realSender: false,
      templates: {},
      now: h.clock.now,
      ...photoTagsFor(db, h.tableName, process.env, h.clock.now),
    });
    expect(await dispatcher.run()).toMatchObject({ photosTagged: 0, retried: 1 });
    expect(s3.tags(photo)).toEqual({ attached: 'no' });
    const [row] = await pendingTags(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, notBefore: new Date(h.clock.now() + 60_000).toISOString() });
    // Not before its backoff.
    expect(await dispatcher.run()).toMatchObject({ photosTagged: 0, retried: 0 });
    h.clock.advance(1);
    expect(await dispatcher.run()).toMatchObject({ photosTagged: 1 });
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });
    expect(await pendingTags(id)).toEqual([]);
  });

  it('a resolution with a feedback photo whose tagging failed: resolved normally, the photo tagged by the dispatcher', async () => {
    const resident = await deviceToken();
    const res = await fileWith(resident, []);
    expect(res.statusCode, res.body).toBe(201);
    const id = CreateTicketReplySchema.parse(parse(res)).ticket.id;
    const handler = await staffToken('gll-handler');
    const photo = await uploadPhoto(residentApi, handler);
    await command(handler, id, { type: 'respond', via: 'call' });
    s3.failTagging(STORAGE_ATTEMPTS);
    await command(handler, id, { type: 'resolve', feedback: '已清运垃圾', photos: [photo] });
    const stored = (await h.tickets.get(id))!;
    expect(stored.status).toBe('resolved');
    expect(s3.tags(photo)).toEqual({ attached: 'no' });
    expect((await pendingTags(id)).map((r) => r.photoKeys)).toEqual([[photo]]);
    expect((await dispatcherJob(undefined)).counts).toMatchObject({ photosTagged: 1 });
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });
    expect(await pendingTags(id)).toEqual([]);
  });

  it('given up after the last attempt: counted as a lost photo with its own metric (its alarm, infra/alarms.yml), not as a failed message', async () => {
    const { photo, id } = await fileWithUntaggedPhoto(2 * STORAGE_ATTEMPTS);
    const [row] = await pendingTags(id);
    // A day of attempts already made: the next claim is the last one.
    await db.send(new UpdateCommand({ TableName: h.tableName, Key: { PK: row!.PK, SK: row!.SK }, UpdateExpression: 'SET attempts = :a', ExpressionAttributeValues: { ':a': PHOTO_TAG_MAX_ATTEMPTS - 1 } }));
    const outcome = await dispatcherJob(undefined);
    expect(outcome.counts).toMatchObject({ photosTagged: 0, photoTagsFailed: 1, failed: 0 });
    expect(outcome.metrics).toContainEqual({ name: METRIC.photoTagsFailed, unit: 'Count', value: 1 });
    expect(outcome.metrics).toContainEqual({ name: METRIC.notificationsFailed, unit: 'Count', value: 0 });
    expect(s3.tags(photo)).toEqual({ attached: 'no' });
    expect(await pendingTags(id)).toEqual([]);
  });
});
