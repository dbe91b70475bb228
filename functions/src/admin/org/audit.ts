/**
 * The audit log is the admin Lambda's (functions/src/admin/audit.ts: one row shape, one key,
 * keys.auditEvent): the organisation's changes write the same events the audit page lists.
 */
export { auditPut, type AuditChange } from '../audit.ts';
