import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

/** Who may do what. `system` is the sweeper and other scheduled jobs. */
export const ROLES = ['resident', 'grid_worker', 'handler', 'supervisor', 'operator', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['grid_worker', 'handler', 'supervisor', 'operator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  handler: '办理人员',
  supervisor: '督办人员',
  operator: '接线员',
  admin: '管理员',
  system: '系统',
};

/** Levels of the organisation tree (county → street/township → community → grid) plus departments. */
export const UNIT_KINDS = ['county', 'street', 'community', 'grid', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UnitSchema = lazySchema(() => z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: z.enum(UNIT_KINDS),
  parentId: z.optional(z.string()),
  /** Ancestor ids from the root down to and including this unit: the subtree test is a prefix test. */
  path: z.array(z.string()).check(z.minLength(1)),
  /** Deactivated by an admin: kept for history, no longer offered for dispatch, filing or new accounts. */
  disabled: z.optional(z.boolean()),
}));
export type Unit = z.infer<typeof UnitSchema>;

/** True when `unit` is `ancestorId` or lies below it. */
export function isWithin(unit: Pick<Unit, 'path'>, ancestorId: string): boolean {
  return unit.path.includes(ancestorId);
}

/** A person acting on the system, as established by the server from a verified token. */
export const ActorSchema = lazySchema(() => z.object({
  id: z.string().check(z.minLength(1)),
  role: z.enum(ROLES),
  name: z.optional(z.string()),
  unitId: z.optional(z.string()),
}));
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'sweeper', role: 'system', name: '时限监控' };

/** A printed street QR code. Requests made there land in the inbox of `centreUnitId`. */
export const LocationSchema = lazySchema(() => z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{3,40}$/)),
  name: z.string().check(z.minLength(1)),
  address: z.optional(z.string()),
  gridId: z.string(),
  gridName: z.string(),
  communityName: z.string(),
  centreUnitId: z.string(),
  centreName: z.string(),
  /** WGS-84 degrees, the datum phones' GPS and browsers report ("nearby places" compares with them). */
  lat: z.optional(z.number()),
  lng: z.optional(z.number()),
}));
export type Location = z.infer<typeof LocationSchema>;
