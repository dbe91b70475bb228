import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, TicketDetail } from '@mashang/shared';
import type { ResidentHooks } from '../../functions/src/app/residents/resident.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { Workbench } from '../../functions/src/app/workbench.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { InboxStore } from '../../functions/src/store/inbox.ts';
import { StaffStore } from '../../functions/src/store/staff.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * One filing path: a resident's QR request and a staff member's filing (grid worker,
 * operator desk) give the same reply shape. Staff replies used to skip `present()`, so
 * their photos stayed storage keys instead of links the page can open.
 */
let h: Harness;
let service: MashangService;
let workbench: Workbench;

const link = (key: string) => `https://photos.example.test/${key}?signed=1`;
/** Photo storage stand-in: every key is the filer's own; presenting turns keys into links. */
const hooks: ResidentHooks = {
  verifyPhotos: async (_actor, keys) => ({ keys: [...keys], untagged: [] }),
  createExtras: () => [],
  isFollower: async () => false,
  residentTickets: async () => ({ items: [], followed: new Set<string>() }),
  present: async (d: TicketDetail) => ({ ...d, photos: d.photos.map(link), ...(d.feedbackPhotos ? { feedbackPhotos: d.feedbackPhotos.map(link) } : {}) }),
};

const resident: Actor = { id: 'wx-filing-1', role: 'resident', name: '居民' };
const gridWorker: Actor = { id: 'gll-grid', role: 'grid_worker', name: '马超', unitId: 'gll-dongjie-g1' };
const operator: Actor = { id: 'desk-operator', role: 'operator', name: '刘静', unitId: 'chengguan' };
let n = 0;
const token = () => `filing-${Date.now()}-${++n}`;

beforeAll(async () => {
  h = await createHarness();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  service = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0, resident: hooks });
  workbench = new Workbench({ service, tickets: h.tickets, inbox: new InboxStore(db, h.tableName), staff: new StaffStore(db, h.tableName), org: h.org, now: h.clock.now });
});
afterAll(() => h.drop());

describe('one filing path', () => {
  it('shows a resident the photos of their new request as links', async () => {
    const res = await service.createTicket(resident, { clientToken: token(), locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了', photos: ['p/wx-filing-1/a.jpg'] });
    expect(res.ticket.photos).toEqual([link('p/wx-filing-1/a.jpg')]);
  });

  it('shows a grid worker the photos of a request filed on patrol as links, not storage keys', async () => {
    const res = await workbench.fileTicket(gridWorker, { clientToken: token(), locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '路灯杆倾斜有倒塌危险', photos: ['p/gll-grid/b.jpg'] });
    expect(res.created).toBe(true);
    expect(res.ticket.photos).toEqual([link('p/gll-grid/b.jpg')]);
    // The stored request keeps the key; only the reply shows a link.
    expect((await h.tickets.get(res.ticket.id))?.photos).toEqual(['p/gll-grid/b.jpg']);
  });

  it('shows the operator desk the photos of a request it entered as links, on a repeat too', async () => {
    const input = { clientToken: token(), channel: 'hotline_12345' as const, gridId: 'gll-dongjie-g1', place: '东街菜市场门口', categoryCode: 'sanitation', description: '垃圾两天没人清运', photos: ['p/desk-operator/c.jpg'] };
    const first = await workbench.fileTicket(operator, input);
    expect(first.ticket.photos).toEqual([link('p/desk-operator/c.jpg')]);
    const again = await workbench.fileTicket(operator, input);
    expect(again).toMatchObject({ created: false, ticket: { id: first.ticket.id, photos: [link('p/desk-operator/c.jpg')] } });
  });

  it('shows the handler who reveals the phone number the same detail: photos as links', async () => {
    const res = await service.createTicket(resident, { clientToken: token(), locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了', phone: '13893112345', photos: ['p/wx-filing-1/d.jpg'] });
    const revealed = await workbench.revealPhone({ id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' }, res.ticket.id);
    expect(revealed.phone).toBe('13893112345');
    expect(revealed.ticket.photos).toEqual([link('p/wx-filing-1/d.jpg')]);
  });
});
