import { AdminAuditReplySchema, AdminCategoriesReplySchema, AdminCategoryReplySchema, AdminHomeReplySchema, CalendarChangeReplySchema, CalendarYearReplySchema, type CategoryInput, type CreateCategoryInput, CutoffReplySchema, JobReplySchema, type LoadYearRequest } from '@mashang/shared/admin-contracts';
import { AdminLocationReplySchema, AdminLocationsReplySchema, AdminStaffListReplySchema, AdminStaffReplySchema, AdminUnitReplySchema, AdminUnitsReplySchema, type CreateMediatorInput, type CreateStaffInput, type CreateUnitInput, type ImportLocationsInput, ImportLocationsReplySchema, type LocationInput, MediatorReplySchema, MediatorsReplySchema, StaffPasswordReplySchema } from '@mashang/shared/admin-org';
import { type AlertSettingsInput, AlertSettingsReplySchema } from '@mashang/shared/alert-settings';
import { InviteReplySchema } from '@mashang/shared/contracts/staff';
import { ApiKeyListSchema, ApiKeyViewSchema, IssuedKeySchema, type IssueKeyInput } from '@mashang/shared/integration-contracts';
import { AdminSynonymRemoveReplySchema, AdminSynonymReplySchema, AdminSynonymsReplySchema, type SynonymGroupEdit } from '@mashang/shared/synonyms';
import { ErasureReplySchema } from '@mashang/shared/erasure';
import { queryString } from '../http.ts';
import { call, enc, readSession, STAFF_KEY } from './client.ts';

/** Administration (`/api/admin/…`, county admins), by admin resource. */

/** Calendar coverage and alerts, system health, the county's counts. */
export const home = () => call('GET', '/api/admin/home', AdminHomeReplySchema, 'staff');
export const calendar = {
  /** Every day of a year, where its status comes from, the cut-off and the re-derivation job. */
  year: (year: number) => call('GET', `/api/admin/calendar${queryString({ year })}`, CalendarYearReplySchema, 'staff'),
  /** Load a whole year (listed days or a CSV/JSON file's text). */
  loadYear: (req: LoadYearRequest) => call('POST', '/api/admin/calendar/years', CalendarChangeReplySchema, 'staff', req),
  /** Correct one day (`default` removes the correction). */
  correctDay: (date: string, kind: 'holiday' | 'workday' | 'default', name?: string) =>
    call('PUT', `/api/admin/calendar/days/${enc(date)}`, CalendarChangeReplySchema, 'staff', { kind, ...(name ? { name } : {}) }),
  /** The end-of-day cut-off in minutes (60–1440). */
  setCutoff: (cutoffMinutes: number) => call('PUT', '/api/admin/calendar/cutoff', CutoffReplySchema, 'staff', { cutoffMinutes }),
  /** Advance the deadline re-derivation by one slice. */
  runJob: () => call('POST', '/api/admin/jobs/rederive/run', JobReplySchema, 'staff', {}),
};
export const categories = {
  list: () => call('GET', '/api/admin/categories', AdminCategoriesReplySchema, 'staff'),
  create: (input: CreateCategoryInput) => call('POST', '/api/admin/categories', AdminCategoryReplySchema, 'staff', input),
  update: (code: string, input: CategoryInput) => call('PUT', `/api/admin/categories/${enc(code)}`, AdminCategoryReplySchema, 'staff', input),
};
/** The county's admin events of a month, newest first. */
export const audit = (month?: string) => call('GET', `/api/admin/audit${queryString({ month })}`, AdminAuditReplySchema, 'staff');
export const units = {
  list: () => call('GET', '/api/admin/units', AdminUnitsReplySchema, 'staff'),
  create: (input: CreateUnitInput) => call('POST', '/api/admin/units', AdminUnitReplySchema, 'staff', input),
  rename: (id: string, name: string) => call('PUT', `/api/admin/units/${enc(id)}/name`, AdminUnitReplySchema, 'staff', { name }),
  move: (id: string, parentId: string) => call('POST', `/api/admin/units/${enc(id)}/move`, AdminUnitReplySchema, 'staff', { parentId }),
  deactivate: (id: string) => call('POST', `/api/admin/units/${enc(id)}/deactivate`, AdminUnitReplySchema, 'staff', {}),
};
export const staff = {
  list: () => call('GET', '/api/admin/staff', AdminStaffListReplySchema, 'staff'),
  create: (input: CreateStaffInput) => call('POST', '/api/admin/staff', StaffPasswordReplySchema, 'staff', input),
  resetPassword: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/password`, StaffPasswordReplySchema, 'staff', {}),
  deactivate: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/deactivate`, AdminStaffReplySchema, 'staff', {}),
};
/** A one-time code for binding a staff member's WeChat. */
export const invites = {
  create: (username: string) => call('POST', '/api/admin/invites', InviteReplySchema, 'staff', { username }),
};
export const locations = {
  list: (gridId: string) => call('GET', `/api/admin/locations${queryString({ gridId })}`, AdminLocationsReplySchema, 'staff'),
  create: (input: LocationInput) => call('POST', '/api/admin/locations', AdminLocationReplySchema, 'staff', input),
  update: (id: string, input: LocationInput) => call('PUT', `/api/admin/locations/${enc(id)}`, AdminLocationReplySchema, 'staff', input),
  import: (input: ImportLocationsInput) => call('POST', '/api/admin/locations/import', ImportLocationsReplySchema, 'staff', input),
};
export const mediators = {
  list: () => call('GET', '/api/admin/mediators', MediatorsReplySchema, 'staff'),
  create: (input: CreateMediatorInput) => call('POST', '/api/admin/mediators', MediatorReplySchema, 'staff', input),
  deactivate: (id: string) => call('POST', `/api/admin/mediators/${enc(id)}/deactivate`, MediatorReplySchema, 'staff', {}),
};
/** Alert thresholds and the red/black list rules. */
export const alertSettings = {
  get: () => call('GET', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff'),
  put: (input: AlertSettingsInput) => call('PUT', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff', input),
};
/** The hotspots' thesaurus (functions/src/admin/synonyms.ts). */
export const synonyms = {
  /** Bundled and stored groups, merged. */
  list: () => call('GET', '/api/admin/synonyms', AdminSynonymsReplySchema, 'staff'),
  /** Add a group or change one (a bundled one too). */
  save: (id: string, group: SynonymGroupEdit) => call('PUT', `/api/admin/synonyms/${enc(id)}`, AdminSynonymReplySchema, 'staff', group),
  /** Switch a bundled group off or delete an added one; `restore` brings a bundled group back. */
  remove: (id: string, restore = false) => call('POST', `/api/admin/synonyms/${enc(id)}/remove`, AdminSynonymRemoveReplySchema, 'staff', { restore }),
};
/** Integration keys for other systems. */
export const integrations = {
  /** The county's keys, newest first (never the key itself). */
  keys: () => call('GET', '/api/admin/integrations/keys', ApiKeyListSchema, 'staff'),
  /** A new key, shown in this reply only. */
  issue: (input: IssueKeyInput) => call('POST', '/api/admin/integrations/keys', IssuedKeySchema, 'staff', input),
  /** Refused on the key's next call. */
  revoke: (keyId: string) => call('POST', `/api/admin/integrations/keys/${enc(keyId)}/revoke`, ApiKeyViewSchema, 'staff', {}),
};
/** One request's filer data erased (a resident's request to the county); the reason goes to the audit log. */
export const tickets = {
  erase: (id: string, reason: string) => call('POST', `/api/admin/tickets/${enc(id)}/erase`, ErasureReplySchema, 'staff', { reason }),
};
/** Where a file download (poster PDF, single code) is fetched from, and the token it needs. */
export const fileUrl = (path: string, params: Record<string, string | undefined>) => ({ url: `${API_BASE}${path}${queryString(params)}`, token: readSession(STAFF_KEY)?.token });
