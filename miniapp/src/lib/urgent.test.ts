import { describe, expect, it } from 'vitest';
import { urgentNextSteps } from './urgent.ts';

describe('urgentNextSteps', () => {
  it('names who was told, the minutes and the masked number', () => {
    expect(urgentNextSteps({ centreName: '张掖路街道综治中心', respondMinutes: 10, phone: '13912345678' })).toBe(
      '已按紧急诉求处理：已通知张掖路街道综治中心，工作人员须在10分钟内拨打 139****5678 与您联系。如有人受伤或危险正在发生，请立即拨打110。',
    );
  });
  it('says plainly that without a number nobody can call back', () => {
    expect(urgentNextSteps({ centreName: '张掖路街道综治中心', respondMinutes: 10 })).toContain('您没有留电话，工作人员无法回电');
  });
});
