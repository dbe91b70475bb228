import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { TicketDetailSchema } from '@mashang/shared/contracts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { sessionTokenOf } from '../support/staff-session.ts';
import { httpEvent, type EventOptions } from '../support/http.ts';

/**
 * 来电附议, the operator desk's "me too" for a caller (shared/src/commands/desk.ts), through the
 * real tickets Lambda on DynamoDB Local: the desk adds a 12345 caller to a resident's open request
 * instead of filing a duplicate; the count rises, the history records the channel and work order
 * (the operator's note stays internal), the filer reads that one more person reported it; nobody
 * but the desk may do it, and not on a finished request.
 */
type Api = (e: HttpEvent) => Promise<HttpResult>;
let h: Harness;
let ticketsApi: Api;
const tokens = new TokenService(TEST_SECRET);
const tokenOf = (actor: Actor) => sessionTokenOf(h, tokens, actor);
const event = (routeKey: string, token: string, opts: Omit<EventOptions, 'token'> = {}) => httpEvent(routeKey, { ...opts, token });

const owner: Actor = { id: 'dev-caller-join-owner', role: 'resident' };
const desk: Actor = { id: 'desk-operator', role: 'operator', unitId: 'chengguan', name: '刘静' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const NOTE = '来电人住在剧院对面，也反映此事';

beforeAll(async () => {
  h = await createHarness(new Date().toISOString());
  h.clock.ms = Date.now();
  Object.assign(process.env, { TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, STAGE: 'local' });
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
});
afterAll(() => h.drop());

let seq = 0;
async function file(): Promise<string> {
  const { ticket } = await h.service.createTicket(owner, {
    clientToken: `caller-join-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    locationId: 'loc-dajuyuan',
    categoryCode: 'traffic',
    description: '剧院门口的公交站牌被撞歪了',
    phone: '13893112345',
  });
  return ticket.id;
}

const command = async (actor: Actor, id: string, body: unknown) => ticketsApi(event('POST /api/tickets/{id}/commands', await tokenOf(actor), { path: { id }, body: { command: body } }));

describe('来电附议 (caller_join) at the operator desk', () => {
  it('adds a 12345 caller to an open request: count +1, channel and work order recorded, the filer told, nothing of the caller kept', async () => {
    const id = await file();
    const res = await command(desk, id, { type: 'caller_join', channel: 'hotline_12345', workOrderNo: 'GS2026113000123', note: NOTE });
    expect(res.statusCode, res.body).toBe(200);
    const detail = TicketDetailSchema.parse(JSON.parse(res.body));
    expect(detail.followerCount).toBe(1);
    expect(detail.status).toBe('submitted');
    const joined = detail.events.at(-1)!;
    expect(joined).toMatchObject({ type: 'joined', label: '群众附议', note: NOTE, data: { followerCount: 1, channel: 'hotline_12345', channelLabel: '12345热线', workOrderNo: 'GS2026113000123' } });

    const stored = await h.tickets.getWithEvents(id);
    expect(stored!.ticket.followerCount).toBe(1);
    expect(stored!.ticket.phone).toBe('13893112345'); // the filer's, untouched
    expect(stored!.events.map((e) => e.type)).toEqual(['submitted', 'joined']);

    // The filer reads that one more person reported it, not the desk's internal note.
    const mine = await ticketsApi(event('GET /api/tickets/{id}', await tokenOf(owner), { path: { id } }));
    expect(mine.statusCode).toBe(200);
    const view = TicketDetailSchema.parse(JSON.parse(mine.body));
    expect(view.events.map((e) => e.label)).toContain('又有群众通过12345热线反映了同一问题');
    expect(mine.body).not.toContain(NOTE);
    expect(view.followerCount).toBe(1);

    // A second caller, by visit, counts again.
    const again = await command(desk, id, { type: 'caller_join', channel: 'visit' });
    expect(again.statusCode, again.body).toBe(200);
    expect(TicketDetailSchema.parse(JSON.parse(again.body)).followerCount).toBe(2);
  });

  it('only the desk may, only on an open request, and only with a desk channel; a refusal changes nothing', async () => {
    const id = await file();
    const before = await h.tickets.getWithEvents(id);
    const byHandler = await command(gll, id, { type: 'caller_join', channel: 'hotline_12345' });
    expect(byHandler.statusCode, byHandler.body).toBe(403);
    const byResident = await command({ id: 'dev-caller-join-other', role: 'resident' }, id, { type: 'caller_join', channel: 'hotline_12345' });
    expect([403, 404]).toContain(byResident.statusCode);
    const badChannel = await command(desk, id, { type: 'caller_join', channel: 'qr' });
    expect(badChannel.statusCode).toBe(400);
    expect(JSON.parse(badChannel.body).error.code).toBe('VALIDATION_FAILED');
    expect(await h.tickets.getWithEvents(id)).toEqual(before);

    // Resolved: the caller reports a new request instead.
    await h.service.command(gll, id, { type: 'respond', via: 'call' });
    await h.service.command(gll, id, { type: 'resolve', feedback: '已协调交警扶正站牌' });
    const resolved = await h.tickets.getWithEvents(id);
    const late = await command(desk, id, { type: 'caller_join', channel: 'hotline_12345' });
    expect(late.statusCode, late.body).toBe(409);
    expect(JSON.parse(late.body).error.message).toContain('不能来电附议');
    expect(await h.tickets.getWithEvents(id)).toEqual(resolved);
  });
});
