import type { Channel } from './ticket.ts';

/**
 * Realistic requests for the hotspot tests, modelled on the seeds (小兰帮办's
 * 149路 at 甘肃大剧院, the demo county's QR locations): four groups of
 * near-duplicates phrased differently and through different channels, and
 * negatives — unrelated requests at the same place, the same words at another
 * place, another bus line at the same stop.
 *
 * `group` is the hotspot a fixture must land in; fixtures without one must
 * stay alone. Used by shared/src/hotspots.test.ts (a tiny dictionary
 * segmenter), functions/src/adapters/segmenter.test.ts (jieba) and
 * tests/integration/hotspots-risk.test.ts (the whole path through DynamoDB).
 */
export interface HotspotFixture {
  key: string;
  text: string;
  categoryCode: string;
  channel: Channel;
  /** A demo QR location (infra/seed.ts), or none for a call taken by the 12345 desk. */
  locationId?: string;
  locationName: string;
  gridId?: string;
  /** Hours before the test's "now". */
  hoursAgo: number;
  group?: 'bus149' | 'lift' | 'trash' | 'noise';
}

const DAJUYUAN = { locationId: 'loc-dajuyuan', locationName: '甘肃大剧院东门公交站', gridId: 'gll-dongjie-g1' };
const DONGGANG = { locationId: 'loc-donggang', locationName: '东岗西路与皋兰路口', gridId: 'gll-dongjie-g2' };
const XIJIE = { locationId: 'loc-xijie-xiaoqu', locationName: '西街小区南门', gridId: 'gll-xijie-g1' };
const BUXINGJIE = { locationId: 'loc-buxingjie', locationName: '张掖路步行街中段', gridId: 'zyl-buxingjie-g1' };
const JINTA = { locationId: 'loc-jinta', locationName: '金塔巷菜市场', gridId: 'zyl-jinta-g1' };

export const HOTSPOT_FIXTURES: HotspotFixture[] = [
  // 149路 at 甘肃大剧院: QR, 12345 (no QR location), grid worker.
  { key: 'bus-qr', text: '149路公交早高峰发车间隔太长，甘肃大剧院站经常等二十多分钟', categoryCode: 'traffic', channel: 'qr', ...DAJUYUAN, hoursAgo: 30, group: 'bus149' },
  { key: 'bus-12345', text: '甘肃大剧院站的149路车早上要等二十分钟', categoryCode: 'traffic', channel: 'hotline_12345', locationName: '甘肃大剧院附近', hoursAgo: 20, group: 'bus149' },
  { key: 'bus-grid', text: '早上坐149路去上班，在大剧院站等了半个多小时都没来车', categoryCode: 'traffic', channel: 'grid', ...DAJUYUAN, hoursAgo: 8, group: 'bus149' },
  { key: 'bus-other-cat', text: '149路早高峰班次太少，车来了也挤不上去', categoryCode: 'other', channel: 'qr', ...DAJUYUAN, hoursAgo: 2, group: 'bus149' },
  // The elevator of building 3 at 西街小区: 3号楼 and 三号楼 are one entity.
  { key: 'lift-qr', text: '小区3号楼电梯故障一周，物业一直不修，老人上下楼困难', categoryCode: 'property', channel: 'qr', ...XIJIE, hoursAgo: 50, group: 'lift' },
  { key: 'lift-grid', text: '西街小区3号楼的电梯又坏了，老人被困在家里下不了楼', categoryCode: 'property', channel: 'grid', ...XIJIE, hoursAgo: 26, group: 'lift' },
  { key: 'lift-12345', text: '西街小区三号楼电梯停运好几天了，找物业没人管', categoryCode: 'housing', channel: 'hotline_12345', locationName: '西街小区', hoursAgo: 5, group: 'lift' },
  // Rubbish at the 东岗西路 junction.
  { key: 'trash-qr', text: '路口垃圾桶满了两天没人清运，气味很大', categoryCode: 'sanitation', channel: 'qr', ...DONGGANG, hoursAgo: 40, group: 'trash' },
  { key: 'trash-12345', text: '东岗西路皋兰路口的垃圾箱溢出来了，臭味熏人，好几天没人拉走', categoryCode: 'sanitation', channel: 'hotline_12345', locationName: '东岗西路皋兰路口', hoursAgo: 12, group: 'trash' },
  // Night-time noise on the 张掖路 pedestrian street: environment and sanitation are one family.
  { key: 'noise-qr', text: '步行街夜间商铺音响声音太大，影响居民休息', categoryCode: 'environment', channel: 'qr', ...BUXINGJIE, hoursAgo: 70, group: 'noise' },
  { key: 'noise-grid', text: '张掖路步行街有商户晚上用大喇叭放音乐，吵得睡不着', categoryCode: 'environment', channel: 'grid', ...BUXINGJIE, hoursAgo: 30, group: 'noise' },
  { key: 'noise-12345', text: '张掖路步行街晚上商户音响太吵，孩子没法睡觉', categoryCode: 'environment', channel: 'hotline_12345', locationName: '张掖路步行街', hoursAgo: 3, group: 'noise' },

  // Negatives. Same stop, same category, another problem.
  { key: 'shelter', text: '甘肃大剧院东门公交站的站台顶棚破损，下雨天漏水', categoryCode: 'traffic', channel: 'qr', ...DAJUYUAN, hoursAgo: 15 },
  // Same stop, another bus line.
  { key: 'line-1', text: '甘肃大剧院站的1路公交车司机态度恶劣，经常甩站不停', categoryCode: 'traffic', channel: 'hotline_12345', locationName: '甘肃大剧院', hoursAgo: 10 },
  // The rubbish group's words, at another place.
  { key: 'bin-at-stop', text: '公交站旁边的垃圾桶满了，没人清运', categoryCode: 'sanitation', channel: 'qr', ...DAJUYUAN, hoursAgo: 6 },
  // Same compound, other problems.
  { key: 'gate', text: '西街小区南门门禁坏了，外来车辆随意进出', categoryCode: 'property', channel: 'qr', ...XIJIE, hoursAgo: 22 },
  { key: 'lift-5', text: '小区5号楼电梯异响，晃得厉害，担心安全', categoryCode: 'property', channel: 'qr', ...XIJIE, hoursAgo: 18 },
  { key: 'dispute', text: '楼上邻居长期噪音扰民，多次协商无果，已报警', categoryCode: 'dispute', channel: 'qr', ...XIJIE, hoursAgo: 4 },
  // Same market, other problems and categories.
  { key: 'market', text: '菜市场有摊贩缺斤短两，希望加强监管', categoryCode: 'market', channel: 'qr', ...JINTA, hoursAgo: 9 },
  { key: 'market-road', text: '金塔巷菜市场门口占道经营，早上堵得车都过不去', categoryCode: 'traffic', channel: 'grid', ...JINTA, hoursAgo: 7 },
];

/** Outside a 7-day window: must not join the 149路 hotspot of this week. */
export const OLD_BUS_FIXTURE: HotspotFixture = {
  key: 'bus-old',
  text: '149路公交车间隔太长，早上等车太难了',
  categoryCode: 'traffic',
  channel: 'qr',
  ...DAJUYUAN,
  hoursAgo: 24 * 10,
};
