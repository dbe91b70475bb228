import { describe, expect, it } from 'vitest';
import * as zc from 'zod';
import { CreateTicketInputSchema } from '@mashang/shared/contracts/common';
import { DutyRosterSchema } from '@mashang/shared/duty';
import { isZodError, parseWith, toHttpError } from './http.ts';

type Reply = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
};

describe('zod errors thrown by the shared schemas (zod/mini) are a 400 with Chinese field errors', () => {
  it('maps a parse failure of a shared schema to VALIDATION_FAILED, not a 500', () => {
    const err = thrown(() => DutyRosterSchema.parse({ weekly: [{ weekday: 9, from: '8点', to: '17:30', staffIds: [] }], exceptions: [] }));
    expect(isZodError(err)).toBe(true);
    const res = toHttpError(err);
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body) as Reply;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toEqual(expect.arrayContaining([{ path: 'weekly.0.weekday', message: '星期应为 1–7' }, { path: 'weekly.0.from', message: '时间格式应为 HH:mm' }]));
  });

  it('puts zod defaults (no message in the schema) into Chinese by issue code', () => {
    const err = thrown(() => CreateTicketInputSchema.parse({ clientToken: 'c-12345678', locationId: 'loc-1', categoryCode: 'traffic', description: '路灯坏了好几天', subscriptions: [''], photos: ['x'.repeat(201)] }));
    const body = JSON.parse(toHttpError(err).body) as Reply;
    expect(body.error.fields).toEqual([{ path: 'photos.0', message: '内容过长或数值过大' }, { path: 'subscriptions.0', message: '内容过短或数值过小' }]);
    for (const f of body.error.fields ?? []) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says 格式不正确 for a value of the wrong type and 必填 for a missing one (a request body parsed by parseWith)', () => {
    const err = thrown(() => parseWith(CreateTicketInputSchema, { clientToken: 'c-12345678', locationId: 42, description: '路灯坏了好几天' }));
    const body = JSON.parse(toHttpError(err).body) as Reply;
    expect(body.error.fields).toEqual(expect.arrayContaining([{ path: 'locationId', message: '格式不正确' }, { path: 'categoryCode', message: '必填' }]));
    expect(body.error.fields?.find((f) => f.path === 'locationId')).toEqual({ path: 'locationId', message: '格式不正确' });
  });

  it('still recognises classic zod errors', () => {
    const err = thrown(() => zc.object({ n: zc.number() }).parse({}));
    expect(isZodError(err)).toBe(true);
    expect(JSON.parse(toHttpError(err).body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: '提交的内容有误：必填', fields: [{ path: 'n', message: '必填' }] } });
  });
});
