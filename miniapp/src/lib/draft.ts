import type { ReportForm } from './form.ts';

/**
 * What the resident has typed, kept on the phone until the request is filed:
 * a reload, a closed tab or a dropped connection loses nothing. The client
 * token is kept with it, so submitting again after a lost reply is recognised
 * by the server as the same request.
 */
export interface Draft {
  form: ReportForm;
  clientToken: string;
  savedAt: number;
}

/** Drafts older than this are not restored: the problem has likely changed. */
export const DRAFT_TTL_MS = 24 * 3600_000;

export const draftKey = (locationId: string): string => `mashang.draft.${locationId}`;

/** Whether the form holds anything worth keeping. */
export const hasContent = (form: ReportForm): boolean => Boolean(form.categoryCode || form.description.trim() || form.phone.trim() || form.contactName.trim());

/** A stored draft, if it is whole and recent; anything else is ignored. */
export function parseDraft(raw: unknown, now: number): Draft | undefined {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const d = value as Partial<Draft>;
  const f = d.form as Partial<ReportForm> | undefined;
  if (typeof d.clientToken !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(d.clientToken)) return undefined;
  if (typeof d.savedAt !== 'number' || now - d.savedAt > DRAFT_TTL_MS || d.savedAt > now + 60_000) return undefined;
  if (!f || typeof f.categoryCode !== 'string' || typeof f.description !== 'string' || typeof f.phone !== 'string' || typeof f.contactName !== 'string') return undefined;
  return {
    clientToken: d.clientToken,
    savedAt: d.savedAt,
    form: { categoryCode: f.categoryCode, description: f.description, phone: f.phone, contactName: f.contactName, anonymous: f.anonymous === true, urgent: f.urgent === true },
  };
}
