import { describe, expect, it } from 'vitest';
import { maskNumbersInText } from './mask.ts';

describe('numbers in another resident’s words', () => {
  it.each([
    ['请打13893112345', '请打138****'],
    ['电话138 9311 2345或0931-8881234', '电话138****或093****'],
    ['3号楼电梯坏了一周', '3号楼电梯坏了一周'],
    ['2026年11月18日', '2026年11月18日'],
    ['门牌123456号', '门牌123456号'],
  ])('masks %s as %s', (input, output) => {
    expect(maskNumbersInText(input)).toBe(output);
  });
});
