import { describe, expect, it } from 'vitest';
import { UrgeUnitInputSchema } from '../contracts/reports.ts';
import { checkCommand } from './validate.ts';

/**
 * The field rules of every command live in CommandSchema: the API parses a command once with
 * it, and the mini-program's forms check with `checkCommand` (the same schema). These are the
 * rules that were the client's own checks (and, for a message's text, `decide`'s) before.
 */
describe('checkCommand', () => {
  it.each([
    [{ type: 'respond', via: 'message' }, { note: '请填写发送给群众的消息' }],
    [{ type: 'respond', via: 'message', note: ' \n ' }, { note: '请填写发送给群众的消息' }],
    [{ type: 'dispatch', unitId: '' }, { unitId: '请选择承办单位' }],
    [{ type: 'request_extension', workingDays: 0, reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    [{ type: 'request_extension', workingDays: 21, reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    [{ type: 'request_extension', workingDays: 1.5, reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    [{ type: 'request_extension', workingDays: Number.NaN, reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    [{ type: 'request_extension', reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    [{ type: 'urge', note: ' 快 ' }, { note: '请填写督办意见（至少2个字）' }],
    [{ type: 'urge', note: '督'.repeat(501) }, { note: '督办意见不能超过500字' }],
    [{ type: 'merge', intoTicketId: '' }, { intoTicketId: '请填写要合并到的诉求编号' }],
    [{ type: 'hand_over', toStaffId: ' ', note: '请接手' }, { toStaffId: '请选择转交给哪位同事' }],
    [{ type: 'reopen', reason: '无' }, { reason: '请填写原因（至少2个字）' }],
    [{ type: 'return', reason: '无', extra: 1 }, { reason: '请填写原因（至少2个字）' }],
  ])('%j is refused with %j', (candidate, fields) => {
    expect(checkCommand(candidate)).toEqual({ ok: false, fields });
  });

  it('keeps the first message of each field and passes a valid command through, trimmed as the API stores it', () => {
    expect(checkCommand({ type: 'resolve', feedback: '好' })).toEqual({ ok: false, fields: { feedback: '办理反馈至少5个字' } });
    expect(checkCommand({ type: 'respond', via: 'message', note: ' 明早上门 ' })).toEqual({ ok: true, command: { type: 'respond', via: 'message', note: '明早上门' } });
    expect(checkCommand({ type: 'respond', via: 'call' })).toEqual({ ok: true, command: { type: 'respond', via: 'call' } });
    expect(checkCommand({ type: 'request_extension', workingDays: 20, reason: '需要协调' })).toMatchObject({ ok: true });
  });

  it('urging a whole unit follows the same note rule as urging one request', () => {
    const res = UrgeUnitInputSchema.safeParse({ unitId: 'gaolanlu', note: '快' });
    expect(res.success ? undefined : res.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', '请填写督办意见（至少2个字）']]);
    expect(UrgeUnitInputSchema.parse({ unitId: 'gaolanlu', note: ' 请抓紧办理 ' }).note).toBe('请抓紧办理');
  });
});
