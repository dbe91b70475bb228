import { describe, expect, it } from 'vitest';
import { maskPhonesInText } from './mask.ts';

describe('phone numbers inside free text', () => {
  it.each([
    ['电话13812341234请回电', '电话138****1234请回电'],
    ['手机 138 1234 1234', '手机 138****1234'],
    ['+86 13812341234', '138****1234'],
    ['座机0931-8881234或09318881234', '座机0931-****1234或093****1234'],
    ['两个号码13812341234、13900001111', '两个号码138****1234、139****1111'],
  ])('masks %s', (text, masked) => {
    expect(maskPhonesInText(text)).toBe(masked);
  });

  it.each(['149路公交早高峰发车间隔太长', '诉求编号 2611181234567', '2026-11-30 10:00 门牌号12号', '金额 12000 元'])('leaves %s alone', (text) => {
    expect(maskPhonesInText(text)).toBe(text);
  });
});
