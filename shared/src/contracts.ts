/**
 * The HTTP API contract: one schema per request and reply, parsed by the backend on the way
 * in and by the mini-program on the way back — split by audience under `contracts/`, so a page
 * or a Lambda loads (and builds at load) only the schemas of its own routes:
 *
 * - `contracts/common.ts`: the error reply, a place, a request as a list row and in detail, the
 *   filing input, a session (every audience);
 * - `contracts/resident.ts`: the resident's pages (the H5 QR page loads this and common only);
 * - `contracts/staff.ts`: the staff workbench, desk, invites, 已派出, staff alerts;
 * - `contracts/reports.ts`: the supervisors' reports, ranking, breaches;
 * - `contracts/signals.ts`: hotspots and risk early warning.
 *
 * Import from those modules. This file only re-exports them for code written before the split
 * (`npm run lint:deps` refuses it in functions/src and miniapp/src, where it would load them all).
 */
export * from './contracts/common.ts';
export * from './contracts/resident.ts';
export * from './contracts/staff.ts';
export * from './contracts/reports.ts';
export * from './contracts/signals.ts';
