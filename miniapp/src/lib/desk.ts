import { StaffCreateTicketInputSchema, type StaffCreateTicketInput } from '@mashang/shared/contracts/staff';
import { issueMessage } from '@mashang/shared/issue-message';
import type { Role, Unit } from '@mashang/shared/org';
import type { Rating } from '@mashang/shared/ticket';
import type { StaffChannel } from '@mashang/shared/workbench';

/** What the filing page (网格上报 / the operator desk) holds while it is filled in. */
export interface DeskForm {
  channel: StaffChannel;
  gridId: string;
  locationId: string;
  place: string;
  categoryCode: string;
  description: string;
  phone: string;
  contactName: string;
  urgent: boolean;
  /** Grid workers: handled on the spot (办小事). */
  onSpot: boolean;
  feedback: string;
  result: Rating;
  /** The 12345 work-order number (hotline calls only). */
  workOrderNo: string;
  /** The caller's earlier requests this one refers to (引用). */
  relatedTicketIds: string[];
}

/** An empty form for a role: grid workers file as 网格上报, everyone else starts on the 12345 hotline. */
export function emptyDeskForm(role: Role | undefined): DeskForm {
  return {
    channel: role === 'grid_worker' ? 'grid' : 'hotline_12345',
    gridId: '',
    locationId: '',
    place: '',
    categoryCode: '',
    description: '',
    phone: '',
    contactName: '',
    urgent: false,
    onSpot: false,
    feedback: '',
    result: 'satisfied',
    workOrderNo: '',
    relatedTicketIds: [],
  };
}

const trimmed = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);

/**
 * The request body from the form, checked with the shared contract; or field messages
 * keyed by form field. A grid worker's own grid is the server's default, so they need
 * not pick one; everyone else picks a grid, then a QR location of it or a place.
 */
export function buildFilingInput(
  role: Role | undefined,
  form: DeskForm,
  clientToken: string,
): { ok: true; input: StaffCreateTicketInput } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (role !== 'grid_worker' && !form.gridId && !form.locationId) fields.gridId = '请选择所在网格';
  if (!form.locationId && !form.place.trim()) fields.place = '请选择地点，或填写具体位置';
  if (!form.categoryCode) fields.categoryCode = '请选择诉求类别';
  const candidate = {
    clientToken,
    channel: role === 'grid_worker' ? 'grid' : form.channel,
    ...(form.locationId ? { locationId: form.locationId } : {}),
    ...(form.gridId && !form.locationId ? { gridId: form.gridId } : {}),
    ...(trimmed(form.place) ? { place: trimmed(form.place) } : {}),
    categoryCode: form.categoryCode,
    description: form.description,
    ...(trimmed(form.phone) ? { phone: trimmed(form.phone) } : {}),
    ...(trimmed(form.contactName) ? { contactName: trimmed(form.contactName) } : {}),
    anonymous: false,
    urgent: form.urgent,
    photos: [],
    ...(role === 'grid_worker' && form.onSpot ? { onSpot: { feedback: form.feedback, result: form.result } } : {}),
    ...(role !== 'grid_worker' && form.channel === 'hotline_12345' && trimmed(form.workOrderNo) ? { workOrderNo: trimmed(form.workOrderNo) } : {}),
    ...(form.relatedTicketIds.length ? { relatedTicketIds: form.relatedTicketIds } : {}),
  };
  const parsed = StaffCreateTicketInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === 'onSpot' ? String(issue.path[1] ?? 'feedback') : String(issue.path[0] ?? 'form');
      if (!(key in fields)) fields[key] = issueMessage(issue);
    }
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, input: candidate as StaffCreateTicketInput };
}

/** The street offices (乡镇/街道) a staff member may file for: those in their unit's subtree, or the one above their grid. */
export function streetsFor(units: readonly Unit[], unitId: string | undefined): Unit[] {
  if (!unitId) return [];
  return units.filter((u) => u.kind === 'street' && (u.path.includes(unitId) || units.some((g) => g.id === unitId && g.path.includes(u.id))));
}

/** The grids below a street office, in id order (ids are stable; names sort differently by locale). */
export function gridsOf(units: readonly Unit[], streetId: string): Unit[] {
  return units.filter((u) => u.kind === 'grid' && u.path.includes(streetId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
