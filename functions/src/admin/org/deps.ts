import type { OrgAdminStore } from './store.ts';

/** What the organisation's administration needs: its store and the backend's clock. */
export interface OrgAdminDeps {
  store: OrgAdminStore;
  now: () => number;
}
