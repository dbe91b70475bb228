import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/stack.ts';
import { ensureH5Build } from '../support/h5-build.ts';

/**
 * The scripts the resident's QR page loads (report.html: the entry and the form's chunks it
 * preloads), read from the production H5 build: the contracts are split by audience
 * (shared/src/contracts/), so the page carries the resident's schemas and none of the staff's,
 * the supervisors' or the risk and admin ones, and its JS stays within the 150 KB brotli budget
 * of issue #16 (compressed as the front door's precompressed copies are, infra/precompress.ts).
 * Sizes of a build, not times: the same sources give the same bytes.
 */
const H5 = join(ROOT, 'miniapp/dist/h5');
const BUDGET_KB = 150;

let scripts: { file: string; text: string; brotli: number }[] = [];

beforeAll(async () => {
  await ensureH5Build();
  const html = readFileSync(join(H5, 'report.html'), 'utf8');
  const files = [...new Set(html.match(/js\/[\w.-]+\.js/g) ?? [])];
  scripts = files.map((file) => {
    const body = readFileSync(join(H5, file));
    const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
    return { file, text: body.toString('utf8'), brotli };
  });
}, 600_000);

const carrying = (message: string) => scripts.filter((s) => s.text.includes(message)).map((s) => s.file);

describe("the QR page's scripts", () => {
  it("carry the resident's contracts (the messages of the filing form's schemas)", () => {
    expect(scripts.length).toBeGreaterThan(2);
    // contracts/common.ts (the filing input) and contracts/resident.ts (deadlines query, transfer code).
    expect(carrying('请至少用5个字描述问题')).not.toEqual([]);
    expect(carrying('请输入正确的手机号或带区号的固定电话')).not.toEqual([]);
    expect(carrying('转移码为8位字母或数字')).not.toEqual([]);
  });

  it.each([
    ['contracts/staff.ts', '邀请码为8位字母或数字'],
    ['contracts/staff.ts', '请说明现场如何处理（至少5个字）'],
    ['contracts/reports.ts', '清单区间过长'],
    ['contracts/signals.ts', '处置情况不能超过500字'],
    ['contracts/signals.ts', '热点至少包含2件诉求'],
    ['admin-org.ts', '擅长领域不超过 60 个字'],
  ])('carry nothing of %s (%s)', (_module, message) => {
    expect(carrying(message)).toEqual([]);
  });

  it(`weigh at most ${BUDGET_KB} KB brotli in all`, () => {
    const total = scripts.reduce((n, s) => n + s.brotli, 0) / 1024;
    expect(total, scripts.map((s) => `${s.file} ${(s.brotli / 1024).toFixed(1)} KB`).join(', ')).toBeLessThanOrEqual(BUDGET_KB);
  });
});
