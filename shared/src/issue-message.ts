import type * as z from 'zod/mini';

/**
 * A zod issue in words people read. Messages written in the schemas are Chinese already and are
 * kept; an issue without one gets a Chinese sentence by its code. The schemas use `zod/mini`,
 * which loads no locale, so zod's own default text is "Invalid input" (and it was English with
 * classic zod): nothing people see may show it. Used by the API's error mapper
 * (functions/src/http/http.ts), the calendar file reader and the mini-program's forms.
 */
/**
 * What a value of the wrong type is called while it is parsed, when the schema has no message of
 * its own: zod keeps the input off a finished issue (it may be a phone number, and issues reach
 * logs), so {@link issueMessage} cannot tell a missing field (必填) from one of the wrong type
 * afterwards. Pass it as a parse's `error` (`schema.safeParse(value, { error: typeWords })`).
 */
export const typeWords = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_type' ? (issue.input === undefined ? '必填' : '格式不正确') : undefined;

export function issueMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : '格式不正确';
    case 'too_small':
      return '内容过短或数值过小';
    case 'too_big':
      return '内容过长或数值过大';
    case 'invalid_value':
    case 'invalid_union':
      return '取值无效';
    case 'unrecognized_keys':
      return '包含不支持的字段';
    default:
      return '格式不正确';
  }
}
