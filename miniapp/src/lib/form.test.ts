import { describe, expect, it } from 'vitest';
import { buildCreateInput, type ReportForm } from './form.ts';

const form: ReportForm = { categoryCode: 'sanitation', description: '小区门口垃圾三天没人清运', phone: '', contactName: '', anonymous: false, urgent: false };

describe('buildCreateInput', () => {
  it('builds the create input and leaves out empty optional fields', () => {
    const r = buildCreateInput(form, 'abc-1', 'ctoken-123456');
    expect(r).toEqual({
      ok: true,
      input: { clientToken: 'ctoken-123456', locationId: 'abc-1', categoryCode: 'sanitation', description: form.description, anonymous: false, urgent: false, photos: [] },
    });
  });

  it('keeps a trimmed phone and name', () => {
    const r = buildCreateInput({ ...form, phone: ' 13812341234 ', contactName: ' 王阿姨 ' }, 'abc-1', 'ctoken-123456');
    expect(r.ok && r.input).toMatchObject({ phone: '13812341234', contactName: '王阿姨' });
  });

  it('reports each bad field with the shared schema message', () => {
    const r = buildCreateInput({ ...form, categoryCode: '', description: '太短', phone: '12345' }, 'abc-1', 'ctoken-123456');
    expect(r).toEqual({
      ok: false,
      fields: { categoryCode: '请选择诉求类别', description: '请至少用5个字描述问题', phone: '请输入正确的手机号或带区号的固定电话' },
    });
  });
});
