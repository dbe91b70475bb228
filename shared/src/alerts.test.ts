import { describe, expect, it } from 'vitest';
import { ALERT_CHECK_EARLIEST, alertMessage, AlertPolicySchema, alertRecipients, DEFAULT_ALERT_POLICY, delayedAlertDueAt, delayedAlertText, redCardCount, type StaffMember } from './alerts.ts';

const staff: StaffMember[] = [
  { id: 'wang', name: '王芳', roles: ['handler'] },
  { id: 'zhang', name: '张伟', roles: ['handler'] },
  { id: 'li', name: '李强', roles: ['supervisor', 'handler'] },
];
const county: StaffMember[] = [{ id: 'chen', name: '陈刚', roles: ['supervisor'] }, { id: 'liu', name: '刘静', roles: ['operator'] }];

describe('who is told what', () => {
  it('a new request and a dispatch go to the on-duty handlers; with nobody on duty to all handlers and the supervisors', () => {
    expect(alertRecipients('new_request', { onDuty: ['zhang'], staff })).toEqual(['zhang']);
    expect(alertRecipients('dispatched', { onDuty: [], staff })).toEqual(['wang', 'zhang', 'li']);
    // Somebody on the roster who is not (or no longer) in the unit does not count as on duty.
    expect(alertRecipients('new_request', { onDuty: ['gone'], staff })).toEqual(['wang', 'zhang', 'li']);
  });

  it('not responded after 15 minutes: the on-duty handlers and the supervisors', () => {
    expect(alertRecipients('unresponded', { onDuty: ['zhang'], staff })).toEqual(['zhang', 'li']);
  });

  it('yellow card, reopening and urging go to the 承办人, or to the on-duty handlers when nobody holds it', () => {
    expect(alertRecipients('yellow', { assigneeId: 'wang', onDuty: ['zhang'], staff })).toEqual(['wang']);
    expect(alertRecipients('yellow', { onDuty: ['zhang'], staff })).toEqual(['zhang']);
    expect(alertRecipients('reopened', { assigneeId: 'wang', onDuty: ['zhang'], staff })).toEqual(['wang']);
    expect(alertRecipients('urged', { onDuty: [], staff })).toEqual(['wang', 'zhang', 'li']);
  });

  it('a red card goes to the 承办人 and the supervisors; overdue escalation to the next level’s supervisors only', () => {
    expect(alertRecipients('red', { assigneeId: 'wang', onDuty: ['zhang'], staff })).toEqual(['wang', 'li']);
    expect(alertRecipients('overdue', { onDuty: [], staff, nextLevelSupervisors: county })).toEqual(['chen']);
  });
});

describe('what an alert says', () => {
  it('what, where, which clock, the time left with its deadline, and the link', () => {
    const m = alertMessage({
      kind: 'yellow',
      ticketId: 'T20261201-0001',
      unitName: '皋兰路街道',
      categoryName: '物业管理',
      locationName: '西街小区南门',
      summary: '小区3号楼电梯故障一周，物业一直不修',
      text: '黄牌：即将超过办结时限',
      clock: 'resolve',
      dueAt: '2026-12-07T16:00:00.000Z',
      now: '2026-12-06T16:00:00.000Z',
    });
    expect(m.title).toBe('【黄牌】黄牌：即将超过办结时限');
    expect(m.body.split('\n')).toEqual(['皋兰路街道 · 物业管理 · 西街小区南门', '办结时限剩余 1 天（截止 2026-12-08 00:00）', '诉求 T20261201-0001：小区3号楼电梯故障一周，物业一直不修']);
    expect(m.link).toBe('pages-staff/ticket/index?id=T20261201-0001');
  });

  it('masks a phone number the resident typed into the text, since the WeCom group reads it', () => {
    const m = alertMessage({
      kind: 'new_request',
      ticketId: 'T20261201-0002',
      unitName: '皋兰路街道',
      categoryName: '环境卫生',
      locationName: '东岗西路口',
      summary: '垃圾桶倒了，联系我13893112345',
      text: '收到新诉求',
      now: '2026-12-06T16:00:00.000Z',
    });
    expect(m.body).not.toContain('13893112345');
    expect(m.body).toContain('联系我138****2345');
  });

  it('counts red cards over the request’s life, restarted windows included', () => {
    const clocks = { respond: { breachedAt: 'x' }, classify: {}, resolve: { breachedAt: 'y' }, followUp: {} };
    expect(redCardCount({ clocks, pastWindows: [{ outcome: 'met_late', breachedAt: 'z' }, { outcome: 'met' }] })).toBe(3);
  });
});

describe('alert thresholds as settings', () => {
  const ticket = {
    receivedAt: '2026-12-01T02:00:00.000Z',
    clocks: { respond: { dueAt: '2026-12-01T02:30:00.000Z' }, classify: { dueAt: '2026-12-02T02:00:00.000Z' }, resolve: { dueAt: '2026-12-08T16:00:00.000Z' }, followUp: { dueAt: '2026-12-15T16:00:00.000Z' } },
  };
  it('the delayed checks are due when the policy in force says: minutes after filing, hours after the deadline', () => {
    expect(delayedAlertDueAt('unresponded', ticket, 'respond', DEFAULT_ALERT_POLICY)).toBe('2026-12-01T02:15:00.000Z');
    expect(delayedAlertDueAt('unresponded', ticket, 'respond', { ...DEFAULT_ALERT_POLICY, unrespondedMinutes: 25 })).toBe('2026-12-01T02:25:00.000Z');
    expect(delayedAlertDueAt('overdue', ticket, 'classify', DEFAULT_ALERT_POLICY)).toBe('2026-12-02T06:00:00.000Z');
    expect(delayedAlertDueAt('overdue', ticket, 'resolve', { ...DEFAULT_ALERT_POLICY, escalateAfterHours: 24 })).toBe('2026-12-09T16:00:00.000Z');
    expect(delayedAlertDueAt('red', ticket, 'respond', DEFAULT_ALERT_POLICY)).toBeUndefined();
  });
  it('the rows are written at the lower bounds of what an admin may set, so no setting is ever late', () => {
    const low = AlertPolicySchema.parse({ unrespondedMinutes: ALERT_CHECK_EARLIEST.unrespondedMinutes, escalateAfterRedCards: 1, escalateAfterHours: ALERT_CHECK_EARLIEST.escalateAfterHours });
    expect(low.unrespondedMinutes).toBe(5);
    expect(AlertPolicySchema.safeParse({ ...DEFAULT_ALERT_POLICY, unrespondedMinutes: ALERT_CHECK_EARLIEST.unrespondedMinutes - 1 }).success).toBe(false);
    expect(AlertPolicySchema.safeParse({ ...DEFAULT_ALERT_POLICY, escalateAfterHours: ALERT_CHECK_EARLIEST.escalateAfterHours - 1 }).success).toBe(false);
    expect(AlertPolicySchema.safeParse({ ...DEFAULT_ALERT_POLICY, escalateAfterRedCards: 0 }).success).toBe(false);
    expect(AlertPolicySchema.safeParse({ ...DEFAULT_ALERT_POLICY, unrespondedMinutes: 7.5 }).success).toBe(false);
    expect(AlertPolicySchema.parse(DEFAULT_ALERT_POLICY)).toEqual(DEFAULT_ALERT_POLICY);
  });
  it('the texts carry the figures in force', () => {
    expect(delayedAlertText('unresponded', { ...DEFAULT_ALERT_POLICY, unrespondedMinutes: 10 })).toBe('诉求提交10分钟仍无人响应');
    expect(delayedAlertText('overdue', { ...DEFAULT_ALERT_POLICY, escalateAfterHours: 8 }, '办结')).toBe('办结超时8小时仍未办理，提请上级督办');
  });
});
