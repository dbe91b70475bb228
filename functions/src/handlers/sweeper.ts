import { fromEpochMs } from '@mashang/shared';
import { serviceFromEnv } from '../app/runtime.ts';
import { AdminStore } from '../store/admin.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';

/**
 * Scheduled every minute: records the SLA warnings and breaches that have come.
 * Safe to kill and re-run at any point (see MashangService.sweep).
 */
export async function handler(): Promise<void> {
  const report = await serviceFromEnv().sweep();
  console.log(JSON.stringify({ level: 'info', message: 'sweep', ...report }));
  // The admin home shows when the sweeper last ran (its health).
  const config = storeConfigFromEnv();
  await new AdminStore(createDocClient(config), config.tableName).recordSweep(fromEpochMs(Date.now()), report.due, report.recorded);
}
