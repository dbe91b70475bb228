import { serviceFromEnv } from '../app/runtime.ts';

/**
 * Scheduled every minute: records the SLA warnings and breaches that have come.
 * Safe to kill and re-run at any point (see MashangService.sweep).
 */
export async function handler(): Promise<void> {
  const report = await serviceFromEnv().sweep();
  console.log(JSON.stringify({ level: 'info', message: 'sweep', ...report }));
}
