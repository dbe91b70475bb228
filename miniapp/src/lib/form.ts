import { CreateTicketInputSchema, type CreateTicketInput } from '@mashang/shared/contracts/common';
import { issueMessage } from '@mashang/shared/issue-message';

/** What the resident typed, before validation. */
export interface ReportForm {
  categoryCode: string;
  description: string;
  phone: string;
  contactName: string;
  anonymous: boolean;
  urgent: boolean;
}

/**
 * The create input from the form, checked with the same schema the server uses,
 * so most mistakes are shown before anything is sent. Empty optional fields are
 * left out rather than sent as "".
 */
export function buildCreateInput(
  form: ReportForm,
  locationId: string,
  clientToken: string,
  extras: { photos?: string[]; subscriptions?: string[] } = {},
): { ok: true; input: CreateTicketInput } | { ok: false; fields: Record<string, string> } {
  const input: CreateTicketInput = {
    clientToken,
    locationId,
    categoryCode: form.categoryCode,
    description: form.description,
    anonymous: form.anonymous,
    urgent: form.urgent,
    photos: extras.photos ?? [],
    ...(extras.subscriptions?.length ? { subscriptions: extras.subscriptions } : {}),
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
  };
  const parsed = CreateTicketInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!(key in fields)) fields[key] = issueMessage(issue);
  }
  return { ok: false, fields };
}
