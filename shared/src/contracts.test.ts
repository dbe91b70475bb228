import { describe, expect, it } from 'vitest';
import { CreateTicketInputSchema, PhoneSchema } from './contracts/common.ts';
import { DeadlinesQuerySchema, InboxQuerySchema } from './contracts/resident.ts';
import { CommandInputSchema } from './contracts/staff.ts';

const valid = { clientToken: 'tok-12345678', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '149路公交发车间隔太长' };

describe('PhoneSchema', () => {
  it.each(['13893112345', '19912345678', '0931-8123456', '09318123456', '010-12345678'])('accepts %s', (p) => {
    expect(PhoneSchema.safeParse(p).success).toBe(true);
  });
  it.each(['12345', '12893112345', '1389311234', '138931123456', 'abc', '0931-123'])('rejects %s with a Chinese message', (p) => {
    const res = PhoneSchema.safeParse(p);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toMatch(/手机号/);
  });
});

describe('CreateTicketInputSchema', () => {
  it('fills defaults for the optional flags', () => {
    expect(CreateTicketInputSchema.parse(valid)).toEqual({ ...valid, anonymous: false, urgent: false, photos: [], subscriptions: [] });
  });
  it('trims the description and counts it after trimming', () => {
    expect(CreateTicketInputSchema.safeParse({ ...valid, description: '   短   ' }).success).toBe(false);
    expect(CreateTicketInputSchema.parse({ ...valid, description: '  路灯不亮了很久  ' }).description).toBe('路灯不亮了很久');
  });
  it.each([
    ['description', { description: '坏' }, '至少'],
    ['description', { description: '长'.repeat(1001) }, '1000'],
    ['clientToken', { clientToken: 'short' }, '标识'],
    ['photos', { photos: Array(7).fill('k') }, '6'],
    ['phone', { phone: '110' }, '手机号'],
  ])('names the field %s in its error', (path, over, text) => {
    const res = CreateTicketInputSchema.safeParse({ ...valid, ...over });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual([path]);
    expect(res.error?.issues[0]?.message).toContain(text);
  });
});

describe('CommandInputSchema', () => {
  it('accepts each command shape and rejects unknown types', () => {
    expect(CommandInputSchema.parse({ command: { type: 'respond', via: 'call' } }).command.type).toBe('respond');
    expect(CommandInputSchema.safeParse({ command: { type: 'explode' } }).success).toBe(false);
  });
  it('requires a reason for a return, an escalation and a rejection', () => {
    for (const type of ['return', 'escalate', 'reject', 'reopen']) {
      expect(CommandInputSchema.safeParse({ command: { type } }).success).toBe(false);
      expect(CommandInputSchema.safeParse({ command: { type, reason: '不属于本部门职责' } }).success).toBe(true);
    }
  });
  it('bounds an extension to 1–20 working days', () => {
    const ext = (workingDays: number) => CommandInputSchema.safeParse({ command: { type: 'request_extension', workingDays, reason: '需要协调' } }).success;
    expect([ext(0), ext(1), ext(20), ext(21)]).toEqual([false, true, true, false]);
  });
});

describe('query schemas', () => {
  it('coerces and bounds the page size', () => {
    expect(InboxQuerySchema.parse({}).limit).toBe(20);
    expect(InboxQuerySchema.parse({ limit: '50' }).limit).toBe(50);
    expect(InboxQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
  });
  it('takes a receive time only with an offset', () => {
    expect(DeadlinesQuerySchema.safeParse({ category: 'traffic', receivedAt: '2026-09-30T10:00:00+08:00' }).success).toBe(true);
    expect(DeadlinesQuerySchema.safeParse({ category: 'traffic', receivedAt: '2026-09-30 10:00' }).success).toBe(false);
  });
});
