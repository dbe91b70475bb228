import { AlertSettingsReplySchema, DutyReplySchema, PutDutyReplySchema, StaffSubscriptionReplySchema, type AlertSettingsInput } from '@mashang/shared/alert-settings';
import type { DutyRoster } from '@mashang/shared/duty';
import { call } from './api.ts';

const enc = encodeURIComponent;

/** The admin's alert thresholds and red/black list rules (pages-admin/alert-settings). */
export const alertSettingsApi = {
  /** GET /api/admin/alert-settings */
  get: () => call('GET', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff'),
  /** PUT /api/admin/alert-settings */
  put: (input: AlertSettingsInput) => call('PUT', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff', input),
};

/** A unit's duty roster (pages-staff/duty): read by its staff, kept by its supervisor or an admin. */
export const dutyApi = {
  /** GET /api/units/{id}/duty */
  get: (unitId: string) => call('GET', `/api/units/${enc(unitId)}/duty`, DutyReplySchema, 'staff'),
  /** PUT /api/units/{id}/duty */
  put: (unitId: string, roster: DutyRoster) => call('PUT', `/api/units/${enc(unitId)}/duty`, PutDutyReplySchema, 'staff', roster),
};

/** WeChat subscription messages for staff: the template to ask consent for, and the consents given. */
export const staffSubscriptionApi = {
  /** GET /api/staff/subscriptions */
  get: () => call('GET', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff'),
  /** POST /api/staff/subscriptions: the templates accepted in wx.requestSubscribeMessage. */
  add: (templateIds: string[]) => call('POST', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff', { templateIds }),
};
