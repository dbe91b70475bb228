import type { OrgAdminPort } from '../../ports/org-changes.ts';

/**
 * What the organisation's administration needs: its store, seen through its port (the DynamoDB
 * store functions/src/admin/org/store.ts, or the memory twin in unit tests), and the backend's clock.
 */
export interface OrgAdminDeps {
  store: OrgAdminPort;
  now: () => number;
}
