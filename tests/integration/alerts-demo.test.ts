import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { staffAlertsFor } from '../../functions/src/app/resident-runtime.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { DEMO_TICKETS, seedDemoTickets } from '../../infra/seed.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * Issue 12's "done when", as `npm start` does it: the demo requests are seeded through the
 * service at their own past times, the sweeper and the dispatcher (wired as in the Lambda,
 * staffAlertsFor) run, and every seeded request has its alerts in the outbox log with their
 * recipients and channels, and in the staff members' message lists.
 */
let h: Harness;
let outbox: OutboxStore;

beforeAll(async () => {
  h = await createHarness('2026-12-01T02:00:00.000Z'); // Tue 10:00
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  outbox = new OutboxStore(db, h.tableName);
  await seedDemoTickets((nowMs) => new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: () => nowMs, referenceTtlMs: 0 }), h.clock.ms);
});
afterAll(() => h.drop());

describe('the demo shows alerts for the seeded requests', () => {
  it('after a sweep and a dispatch, every seeded request has its new-request alert delivered in-app to staff of its unit', async () => {
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    const wiring = staffAlertsFor(db, h.tableName, { STAGE: 'local' });
    const dispatcher = new Dispatcher({ outbox, residents: new ResidentStore(db, h.tableName), tickets: h.tickets, realSender: false, templates: {}, now: h.clock.now, ...wiring });
    await h.service.sweep();
    await dispatcher.run();
    const log = await outbox.recentLog(500);
    const ids = [...new Set(log.map((m) => m.ticketId))];
    expect(ids.length).toBe(DEMO_TICKETS.length);
    for (const id of ids) {
      const assigned = log.find((m) => m.ticketId === id && m.template === 'assigned');
      expect(assigned?.status, id).toBe('sent');
      const inapp = Object.entries(assigned?.deliveries ?? {}).filter(([k, d]) => k.startsWith('inapp:') && d === 'sent');
      expect(inapp.length, id).toBeGreaterThan(0);
      const [, username] = inapp[0]![0].split(':');
      expect((await wiring.staffMessages.messages(username!, 50)).some((m) => m.ticketId === id && m.kind === 'new_request')).toBe(true);
    }
    // The requests older than 15 minutes nobody answered: the check went to the supervisors too, and their red cards.
    const unresponded = log.filter((m) => m.template === 'unresponded' && m.status === 'sent');
    expect(unresponded.length).toBeGreaterThan(0);
    expect(unresponded.some((m) => Object.keys(m.deliveries ?? {}).some((k) => k.includes('supervisor')))).toBe(true);
    expect(log.some((m) => m.template === 'sla_breach' && m.status === 'sent')).toBe(true);
  });
});
