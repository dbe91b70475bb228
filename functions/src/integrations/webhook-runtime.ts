import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Category, Location, Unit } from '@mashang/shared';
import { toRequest } from '../open311/format.ts';
import { OrgStore } from '../store/org.ts';
import { TicketStore } from '../store/tickets.ts';
import { IntegrationStore } from './store.ts';
import { WebhookSender } from './webhooks.ts';

/**
 * The webhook sender for the dispatcher Lambda, built from the stores alone (not from the
 * whole service), so the dispatcher's bundle holds only what delivering needs. Units and
 * categories are cached for a minute like the service's reference data.
 */
export function webhookSender(db: DynamoDBDocumentClient, table: string, now: () => number): WebhookSender {
  const org = new OrgStore(db, table);
  const tickets = new TicketStore(db, table);
  let ref: { units: Map<string, Unit>; categories: Map<string, Category>; at: number } | undefined;
  const reference = async () => {
    if (!ref || now() - ref.at > 60_000) {
      const [units, categories] = await Promise.all([org.units(), org.categories()]);
      ref = { units: new Map(units.map((u) => [u.id, u])), categories: new Map(categories.map((c) => [c.code, c])), at: now() };
    }
    return ref;
  };
  return new WebhookSender({
    store: new IntegrationStore(db, table),
    now,
    present: async (id) => {
      const ticket = await tickets.get(id);
      if (!ticket) return undefined;
      const { units, categories } = await reference();
      const location: Location | undefined = ticket.locationId ? await org.location(ticket.locationId) : undefined;
      return { ticket, request: toRequest(ticket, { units, categories, location }) };
    },
  });
}
