import { dispatcherFromEnv } from '../app/resident-runtime.ts';

/**
 * Scheduled every minute: sends the outbox's messages to residents as WeChat
 * subscription messages. Safe to kill and re-run at any point (see Dispatcher).
 */
export async function handler(): Promise<void> {
  const report = await dispatcherFromEnv().run();
  console.log(JSON.stringify({ level: 'info', message: 'dispatch', ...report }));
}
