import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseCalendarFile } from './calendar-admin.ts';
import { checkCommand } from './commands/validate.ts';
import { issueMessage } from './issue-message.ts';

/** The first issue of a failed parse. */
const issueOf = (schema: z.ZodMiniType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('parsed');
  return r.error.issues[0]!;
};

describe('zod issues in words people read', () => {
  it("keeps a schema's own Chinese message", () => {
    expect(issueMessage(issueOf(z.string().check(z.minLength(2, '至少2个字')), 'a'))).toBe('至少2个字');
  });

  it('puts an issue without a message into Chinese by its code, never zod\'s default text', () => {
    expect(issueMessage(issueOf(z.object({ a: z.string() }), {}))).toBe('必填');
    expect(issueMessage(issueOf(z.string().check(z.minLength(2)), 'a'))).toBe('内容过短或数值过小');
    expect(issueMessage(issueOf(z.number().check(z.lte(2)), 3))).toBe('内容过长或数值过大');
    expect(issueMessage(issueOf(z.enum(['a', 'b']), 'c'))).toBe('取值无效');
    expect(issueMessage(issueOf(z.strictObject({}), { x: 1 }))).toBe('包含不支持的字段');
    expect(issueMessage(issueOf(z.string().check(z.regex(/^x$/)), 'y'))).toBe('格式不正确');
  });

  it('a calendar file entry of the wrong shape is refused in Chinese', () => {
    expect(() => parseCalendarFile('[{"date":"2027-01-01","kind":"holiday"}, 7]', 2027)).toThrow(/^第 2 项：[\u4e00-\u9fff]+$/);
    expect(() => parseCalendarFile('[{"date":"2027-01-01","kind":"holiday","name":["春节"]}]', 2027)).toThrow(/^第 1 项：[\u4e00-\u9fff]+$/);
  });

  it('a command with a field of the wrong type is refused in Chinese for the form', () => {
    const res = checkCommand({ type: 'respond', via: 'message', note: 42 });
    expect(res.ok).toBe(false);
    for (const message of Object.values(res.ok ? {} : res.fields)) expect(message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
  });
});
