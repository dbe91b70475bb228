import type { WorkCalendar } from '../calendar.ts';
import { computeClocks, DEFAULT_POLICY } from '../sla.ts';
import { openTicket, type Ticket } from '../ticket.ts';
import type { Instant } from '../time.ts';

/**
 * Tests' request as a resident files it by QR code at a street crossing (sanitation, default
 * policy, handled by `street-1`, filed by `res-1`): the one fixture the command tests share.
 */
export function openedTicket(id: string, receivedAt: Instant, calendar: WorkCalendar): Ticket {
  return openTicket(
    {
      id,
      channel: 'qr',
      categoryCode: 'sanitation',
      description: '路口垃圾桶满了两天没人清运',
      anonymous: false,
      residentId: 'res-1',
      urgent: false,
      locationName: '东岗路口',
      coordinatorUnitId: 'street-1',
      receivedAt,
      policy: DEFAULT_POLICY,
      clocks: computeClocks(receivedAt, DEFAULT_POLICY, calendar),
      photos: [],
    },
    { id: 'res-1', role: 'resident' },
  ).ticket;
}
