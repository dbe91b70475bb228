import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { jiebaSegmenter } from '../../functions/src/adapters/segmenter.ts';
import { HotspotService } from '../../functions/src/app/supervision/hotspots.ts';
import { ThesaurusData } from '../../functions/src/app/supervision/thesaurus.ts';
import { RiskService } from '../../functions/src/app/supervision/risk.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { SupervisionStore } from '../../functions/src/store/supervision.ts';
import { DEMO_SUPERVISION_TICKETS, seedSupervision } from '../../infra/seed-supervision.ts';
import { seedDemoTickets } from '../../infra/seed.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * `npm start`'s demo data (infra/seed.ts, infra/seed-supervision.ts) seeded
 * into DynamoDB Local as the local stack does: 西街小区's heating complaints from
 * QR, 12345 and a letter show as one hotspot, and the plain-language neighbour
 * dispute raises a warning with its indicators, a task for 马超 and an alert
 * for the street office's supervisors.
 */
let h: Harness;
let hotspots: HotspotService;
let risk: RiskService;
let store: SupervisionStore;
const NOW = Date.parse('2026-11-20T02:00:00.000Z');
const supervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu', name: '李强' };
const gridWorker: Actor = { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1', name: '马超' };

beforeAll(async () => {
  h = await createHarness(new Date(NOW).toISOString());
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  await seedDemoTickets((nowMs) => new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: () => nowMs }), NOW);
  await seedSupervision(db, h.tableName, { demoTickets: true, nowMs: NOW });
  store = new SupervisionStore(db, h.tableName);
  const svc = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: () => NOW, referenceTtlMs: 0 });
  const thesaurus = new ThesaurusData({ source: h.org, now: () => NOW, ttlMs: 0 });
  hotspots = new HotspotService({ store, tickets: h.tickets, reference: () => svc.ref(), thesaurus: () => thesaurus.thesaurus(), segmenter: jiebaSegmenter, now: () => NOW });
  risk = new RiskService({ store, tickets: h.tickets, reference: () => svc.ref(), now: () => NOW, rulesTtlMs: 0 });
});
afterAll(() => h.drop());

const heating = DEMO_SUPERVISION_TICKETS.filter((f) => f.token.startsWith('seed-heat-')).map((f) => f.description);

describe('the demo data', () => {
  it('shows 西街小区’s heating complaints, worded four ways through QR, 12345 and a letter, as one hotspot — without the lift', async () => {
    const reply = await hotspots.hotspots(supervisor, { days: 7, minSize: 2 });
    const hot = reply.items.find((c) => c.members.some((m) => m.summary === heating[0]));
    expect(hot, 'heating hotspot').toBeDefined();
    expect(hot!.members.map((m) => m.summary).sort()).toEqual([...heating].sort());
    expect(hot!.channels.map((c) => [c.channel, c.count])).toEqual([
      ['qr', 2],
      ['hotline_12345', 1],
      ['letter', 1],
    ]);
    expect(hot!.keywords).toEqual(expect.arrayContaining(['供暖', '室温低']));
    expect(hot!.places[0]).toBe('西街小区');
  });

  it('raises a warning for the dispute worded in plain language, with its indicators and explanations, as a task for 马超', async () => {
    const tasks = await risk.tasks(gridWorker, 'open');
    const w = tasks.find((t) => t.summary.startsWith('住在大剧院东边的老楼'));
    expect(w).toMatchObject({ level: 'high', assignedUnitId: 'gll-dongjie-g1', officeUnitId: 'gaolanlu', status: 'open' });
    expect(w!.fired.map((f) => [f.ruleId, f.indicators])).toEqual([
      ['violence', ['包含“让我好看”']],
      ['dispute-neighbour', ['包含“楼上”和“骂”']],
    ]);
    expect(w!.fired.every((f) => (f.explanation ?? '').length > 10)).toBe(true);
    const alert = (await h.tickets.recentOutbox(8, 500)).find((m) => m.ticketId === w!.ticketId && m.audience === 'supervisors') as unknown as Record<string, unknown>;
    expect(alert).toMatchObject({ kind: 'risk_high', recipientUnitId: 'gaolanlu', recipientRole: 'supervisor' });
  });
});
