import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header of a webhook delivery: HMAC-SHA256 over `${timestamp}.${body}` with the subscription's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does with a delivery: recompute the signature in constant time and refuse
 * a timestamp more than `toleranceS` seconds from its own clock (a replayed capture).
 */
export function verifyWebhook(secret: string, headers: { timestamp?: string; signature?: string }, body: string, nowS: number, toleranceS = 300): boolean {
  if (!headers.timestamp || !headers.signature || !/^\d+$/.test(headers.timestamp)) return false;
  if (Math.abs(nowS - Number(headers.timestamp)) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
