import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor, Ticket, TicketDetail } from '@mashang/shared';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';
import type { PhotoStorage } from '../../adapters/storage.ts';
import type { Delivery, Outbox, OutboxRow } from '../../ports/outbox.ts';
import { PhotoTags, photoTagWrites } from './photo-tags.ts';
import { PhotoService } from './photos.ts';
import type { ResidentHooks } from '../residents/resident.ts';
import { Workbench } from '../workbench.ts';

/**
 * A photo whose `attached=yes` tagging failed while its request was filed is not left to
 * expire: the create carries a `photo_tag` retry with its key (memory store), and the retry
 * tags it on a later attempt, given back with a backoff while tagging still fails.
 */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const resident: Actor = { id: 'wx-photo-tags-1', role: 'resident', name: '居民' };

/** Storage whose first `failures` taggings fail; records the tags that were set. */
function flakyStorage(failures: number) {
  const tags = new Map<string, string>();
  let left = failures;
  const storage: PhotoStorage = {
    presignPost: async () => ({ url: 'https://photos.example.test/upload', fields: {}, expiresAt: '2026-11-18T02:10:00.000Z' }),
    inspect: async () => ({ size: 2048, contentType: 'image/jpeg', head: JPEG }),
    viewUrl: async (key) => `https://photos.example.test/${key}`,
    markAttached: async (key) => {
      if (left > 0) {
        left--;
        throw new Error('SlowDown');
      }
      tags.set(key, 'yes');
    },
  };
  return { storage, tags };
}

function hooksWith(photos: PhotoService): ResidentHooks {
  return {
    verifyPhotos: (actor, keys) => photos.verify(actor, keys),
    createExtras: () => [],
    isFollower: async () => false,
    residentTickets: async () => ({ items: [], followed: new Set<string>() }),
    present: async (d: TicketDetail) => d,
  };
}

/** Just enough outbox for one claimed row: what was finished or given back. */
function recordingOutbox() {
  const calls: { op: 'finish' | 'release'; status?: string; notBefore?: string }[] = [];
  const outbox: Pick<Outbox, 'finish' | 'release'> = {
    finish: async (_row, _token, result) => (calls.push({ op: 'finish', status: result.status }), true),
    release: async (_row, _token, notBefore) => (calls.push({ op: 'release', notBefore }), true),
  };
  return { outbox, calls };
}

/** The stored request carries these photos (an erased one no longer does). */
const ticketsCarrying = (photos: string[]) => ({ get: async (id: string) => ({ id, photos }) as unknown as Ticket });

const claimedRow = (keys: string[], attempts: number): OutboxRow => ({
  PK: 'OUTBOX#0',
  SK: 'x',
  ticketId: '2611180000001',
  createdAt: '2026-11-18T02:00:00.000Z',
  status: 'claimed',
  audience: 'system',
  kind: 'photo_tag',
  template: 'photo_tag',
  text: '',
  photoKeys: keys,
  attempts,
  deliveries: {} as Record<string, Delivery>,
});

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

describe('photos whose tagging failed while the request was filed', () => {
  it('files the request and stores a retry of the failed tagging with it', async () => {
    const { storage, tags } = flakyStorage(1);
    const photos = new PhotoService(storage);
    const { service, tickets } = memoryWorld(undefined, { resident: hooksWith(photos) });
    const a = (await photos.prepareUpload(resident, { contentType: 'image/jpeg', size: 2048 })).key;
    const res = await service.createTicket(resident, { clientToken: 'token-photo-tag-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了', photos: [a] });
    expect(res.created).toBe(true);
    expect((await tickets.get(res.ticket.id))?.photos).toEqual([a]);
    // The tagging failed before the write: nothing tagged yet, and the create carried the retry with the key.
    expect(tags.size).toBe(0);
    expect([...tickets.photoTags]).toEqual([[res.ticket.id, [a]]]);
  });

  it('the operator desk\'s filing and a resolution with feedback photos carry the retry too', async () => {
    const { storage, tags } = flakyStorage(1);
    const photos = new PhotoService(storage);
    const { service, tickets, org, clock } = memoryWorld(undefined, { resident: hooksWith(photos) });
    const operator: Actor = { id: 'desk-operator', role: 'operator', name: '刘静', unitId: 'chengguan' };
    const workbench = new Workbench({ service, tickets, org: org as never, inbox: undefined as never, staff: undefined as never, now: clock.now });
    const d = (await photos.prepareUpload(operator, { contentType: 'image/jpeg', size: 2048 })).key;
    const desk = await workbench.fileTicket(operator, { clientToken: 'token-photo-tag-desk', channel: 'hotline_12345', gridId: 'gll-dongjie-g1', place: '东街菜市场门口', categoryCode: 'sanitation', description: '垃圾两天没人清运', photos: [d] });
    expect(desk.created).toBe(true);
    expect(tickets.photoTags.get(desk.ticket.id)).toEqual([d]);

    // A resolution: the first tagging of this world already failed, so make the next one fail too.
    const { storage: again } = flakyStorage(1);
    const resolving = new PhotoService(again);
    const world = memoryWorld(undefined, { resident: hooksWith(resolving) });
    const filed = await world.service.createTicket(resident, { clientToken: 'token-photo-tag-3', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' });
    await world.service.command(actors.gllHandler, filed.ticket.id, { type: 'respond', via: 'call' });
    const f = (await resolving.prepareUpload(actors.gllHandler, { contentType: 'image/jpeg', size: 2048 })).key;
    const resolved = await world.service.command(actors.gllHandler, filed.ticket.id, { type: 'resolve', feedback: '已更换站台灯管', photos: [f] });
    expect(resolved.status).toBe('resolved');
    expect(world.tickets.photoTags.get(filed.ticket.id)).toEqual([f]);
    expect(tags.size).toBe(0);
  });

  it('carries no retry when every photo was tagged', async () => {
    const { storage, tags } = flakyStorage(0);
    const photos = new PhotoService(storage);
    const { service, tickets } = memoryWorld(undefined, { resident: hooksWith(photos) });
    const a = (await photos.prepareUpload(resident, { contentType: 'image/jpeg', size: 2048 })).key;
    await service.createTicket(resident, { clientToken: 'token-photo-tag-2', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了', photos: [a] });
    expect(tags.get(a)).toBe('yes');
    expect(tickets.photoTags.size).toBe(0);
    expect(photoTagWrites({ id: 't', version: 1 }, '2026-11-18T02:00:00.000Z', [])).toEqual([]);
  });

  it('tags the photo on a later attempt, given back with a backoff while tagging fails', async () => {
    const { storage, tags } = flakyStorage(1);
    const { outbox, calls } = recordingOutbox();
    const now = Date.parse('2026-11-18T02:01:00.000Z');
    const key = 'p/0123456789abcdef/00000000-0000-4000-8000-000000000001.jpg';
    const retries = new PhotoTags({ outbox, tickets: ticketsCarrying([key]), storage, now: () => now });
    expect(await retries.handle(claimedRow([key], 1), 'tok-1')).toBe('retry');
    expect(calls).toEqual([{ op: 'release', notBefore: '2026-11-18T02:02:00.000Z' }]);
    expect(tags.size).toBe(0);
    expect(await retries.handle(claimedRow([key], 2), 'tok-2')).toBe('tagged');
    expect(calls[1]).toEqual({ op: 'finish', status: 'sent' });
    expect(tags.get(key)).toBe('yes');
  });

  it('backs off up to 16 minutes and gives up only after the photo would have expired anyway', async () => {
    const { storage } = flakyStorage(1000);
    const { outbox, calls } = recordingOutbox();
    const now = Date.parse('2026-11-18T02:00:00.000Z');
    const key = 'p/0123456789abcdef/00000000-0000-4000-8000-000000000002.jpg';
    const retries = new PhotoTags({ outbox, tickets: ticketsCarrying([key]), storage, now: () => now });
    expect(await retries.handle(claimedRow([key], 10), 't')).toBe('retry');
    expect(calls.at(-1)).toEqual({ op: 'release', notBefore: '2026-11-18T02:16:00.000Z' });
    expect(await retries.handle(claimedRow([key], 100), 't')).toBe('failed');
    expect(calls.at(-1)).toEqual({ op: 'finish', status: 'failed' });
  });

  it('does not keep a photo the request no longer carries (erased since): nothing tagged, the row done', async () => {
    const { storage, tags } = flakyStorage(0);
    const { outbox, calls } = recordingOutbox();
    const key = 'p/0123456789abcdef/00000000-0000-4000-8000-000000000003.jpg';
    const retries = new PhotoTags({ outbox, tickets: ticketsCarrying([]), storage, now: () => Date.parse('2026-11-18T02:00:00.000Z') });
    expect(await retries.handle(claimedRow([key], 1), 't')).toBe('dropped');
    expect(calls).toEqual([{ op: 'finish', status: 'skipped' }]);
    expect(tags.size).toBe(0);
  });
});
