import type { Channel } from '@mashang/shared';
import type { EvalPlace, PlaceKey } from './places.ts';
import type { EvalRow } from './rows.ts';

/**
 * A fresh held-out set (issue #15, second round, 2026-11-30): written after
 * the method had been changed and before it was ever run on these requests,
 * at three places the rest of the set does not use (an estate, a high-rise,
 * a square's bus stop) and at some of the old ones with problems they did not
 * have. Never tuned on: `bench:signals` reports it as its own split, `fresh`,
 * and it is part of the whole set.
 */
const NEW_PLACES = {
  xinhua: { locationId: 'loc-xinhua', name: '园林路新华小区北门', gridId: 'xinhua-g1' },
  huanghe: { locationId: 'loc-huanghe', name: '黄河家园6号楼', gridId: 'huanghe-g1' },
  dongfang: { locationId: 'loc-dongfang', name: '东方红广场公交站', gridId: 'dongfang-g1' },
} as const satisfies Record<string, EvalPlace>;
type NewPlace = keyof typeof NEW_PLACES;

type Row = [PlaceKey | NewPlace, Channel, string, number, string, { c?: string; r?: string[]; typed?: string }?];

const LIST: Row[] = [
  // 新华小区: heating.
  ['xinhua', 'qr', 'utilities', 130, '屋里暖气片上半截热下半截凉，家里就十六度', { c: 'f-heat-xinhua' }],
  ['xinhua', 'hotline_12345', 'utilities', 95, '新华小区供暖以后室温一直上不去，老人在家得穿两件毛衣', { c: 'f-heat-xinhua', typed: '新华小区' }],
  ['xinhua', 'grid', 'utilities', 60, '新华小区部分住户暖气不热，已联系热力公司排查管网', { c: 'f-heat-xinhua' }],
  ['xinhua', 'letter', 'property', 20, '园林路新华小区暖气烧得跟没烧一样，交了钱却挨冻', { c: 'f-heat-xinhua', typed: '园林路新华小区' }],
  // 新华小区: rubbish.
  ['xinhua', 'qr', 'sanitation', 110, '北门垃圾桶满了好几天，垃圾都堆到路上了', { c: 'f-trash-xinhua' }],
  ['xinhua', 'hotline_12345', 'sanitation', 50, '新华小区门口的垃圾没人清运，臭味很大', { c: 'f-trash-xinhua', typed: '新华小区' }],
  // 黄河家园6号楼: the lift.
  ['huanghe', 'qr', 'property', 100, '6号楼电梯停了三天，上面贴着维修中，一直没人来修', { c: 'f-lift-huanghe' }],
  ['huanghe', 'hotline_12345', 'property', 70, '黄河家园6号楼的电梯坏了，家里老人腿脚不好出不了门', { c: 'f-lift-huanghe', typed: '黄河家园6号楼' }],
  ['huanghe', 'grid', 'property', 30, '黄河家园6号楼电梯故障停运，高层住户出行困难', { c: 'f-lift-huanghe' }],
  // 黄河家园6号楼: the roof leaks.
  ['huanghe', 'qr', 'housing', 140, '顶楼下雨天屋顶漏水，墙都泡发霉了', { c: 'f-leak-huanghe' }],
  ['huanghe', 'hotline_12345', 'housing', 110, '黄河家园6号楼顶层住户反映屋面渗水，要求维修', { c: 'f-leak-huanghe', typed: '黄河家园6号楼' }],
  // 东方红广场: the 128路.
  ['dongfang', 'qr', 'traffic', 120, '128路在东方红广场站等了四十分钟都没来', { c: 'f-bus-dongfang' }],
  ['dongfang', 'hotline_12345', 'traffic', 84, '东方红广场那站的128路班次太少，晚高峰挤不上车', { c: 'f-bus-dongfang', typed: '东方红广场' }],
  ['dongfang', 'grid', 'traffic', 40, '东方红广场公交站128路候车乘客多，发车间隔偏长', { c: 'f-bus-dongfang' }],
  // 东方红广场: shops' loudspeakers.
  ['dongfang', 'qr', 'environment', 90, '广场边上的商场门口大音响放歌，吵得人头疼', { c: 'f-noise-dongfang' }],
  ['dongfang', 'hotline_12345', 'environment', 45, '东方红广场周边商户外放音乐招揽顾客，噪音扰民', { c: 'f-noise-dongfang', typed: '东方红广场' }],
  // 金雨花园: water cut.
  ['jinyu', 'qr', 'utilities', 26, '家里一早上都没水，也没看到停水通知', { c: 'f-water-jinyu' }],
  ['jinyu', 'hotline_12345', 'utilities', 22, '金雨花园从早上开始停水到现在，什么时候来水', { c: 'f-water-jinyu', typed: '金雨花园' }],
  ['jinyu', 'grid', 'utilities', 18, '金雨花园因供水管道爆裂临时停水，正在抢修', { c: 'f-water-jinyu' }],
  // 甘肃大剧院 stop: stalls.
  ['dajuyuan', 'qr', 'market', 60, '公交站旁边有人摆地摊卖水果，挡着上下车的人', { c: 'f-stall-dajuyuan' }],
  ['dajuyuan', 'grid', 'sanitation', 35, '甘肃大剧院东门公交站附近流动摊贩占道经营', { c: 'f-stall-dajuyuan' }],
  // 滨河路健身广场: parked cars.
  ['binhe', 'qr', 'traffic', 100, '健身广场门口停满了私家车，人都进不去', { c: 'f-parking-binhe' }],
  ['binhe', 'hotline_12345', 'traffic', 54, '滨河路健身广场入口被乱停的车堵住了', { c: 'f-parking-binhe', typed: '滨河路健身广场' }],
  // 幸福家园: stray dogs.
  ['xingfu', 'qr', 'other', 80, '小区里来了一群流浪狗，晚上叫个不停', { c: 'f-dogs-xingfu' }],
  ['xingfu', 'hotline_12345', 'other', 40, '幸福家园小区流浪狗越来越多，还追着小孩跑', { c: 'f-dogs-xingfu', typed: '幸福家园' }],
  // One-offs, most of them next to a hotspot above.
  ['xinhua', 'qr', 'utilities', 75, '暖气费的发票在哪里开', {}],
  ['xinhua', 'qr', 'property', 45, '小区里的路灯坏了两盏，晚上走路看不清', {}],
  ['huanghe', 'qr', 'property', 85, '6号楼单元门的门禁坏了，一直关不上', {}],
  ['huanghe', 'hotline_12345', 'property', 15, '黄河家园物业费收了却不打扫楼道', { typed: '黄河家园' }],
  ['dongfang', 'qr', 'traffic', 64, '东方红广场站的站牌被广告遮住了看不到线路', {}],
  ['dongfang', 'qr', 'environment', 75, '东方红广场晚上有人跳广场舞，音响开得很大', {}],
  ['jinyu', 'qr', 'utilities', 8, '家里水龙头出来的水有点黄', {}],
  ['binhe', 'qr', 'other', 12, '广场的路灯晚上不亮', {}],
  ['xingfu', 'qr', 'other', 66, '邻居遛狗不拴绳，狗冲过来把我吓一跳', {}],
  ['gongyuan', 'hotline_12345', 'other', 5, '小西湖公园的湖边护栏松了', { typed: '小西湖公园' }],
  ['tielu', 'qr', 'property', 3, '楼道的声控灯坏了一个月了', {}],
  // Risks in plain words, and the same words harmless.
  ['xinhua', 'qr', 'dispute', 33, '楼上天天半夜在家蹦迪，上去理论被他推下楼梯', { r: ['dispute-neighbour', 'violence'] }],
  ['huanghe', 'hotline_12345', 'dispute', 28, '我和老公为了孩子抚养的事吵了一年，他说要把孩子带走，我不活了', { r: ['dispute-family', 'self-harm'], typed: '黄河家园' }],
  ['dongfang', 'grid', 'labour', 50, '东方红广场商场装修队二十多个工人没拿到工钱，在商场门口坐着', { r: ['wage-arrears', 'group'] }],
  ['jinyu', 'qr', 'other', 10, '小区里的烟感报警器装好了吗', {}],
  ['dajuyuan', 'police_110', 'other', 14, '110转来：大剧院门口两名男子因碰撞发生口角并互殴，已处置', { r: ['violence', 'police'], typed: '甘肃大剧院' }],
  ['binhe', 'qr', 'other', 6, '我儿子在学校天天被同学欺负，问老师也不管', { r: ['minor'] }],
];

export const FRESH_ROWS: readonly EvalRow[] = LIST.map(([place, channel, categoryCode, hoursAgo, text, extra], i) => {
  const isNew = place in NEW_PLACES;
  return {
    id: `f-${String(i + 1).padStart(3, '0')}`,
    place: isNew ? 'dajuyuan' : (place as PlaceKey),
    ...(isNew ? { site: NEW_PLACES[place as NewPlace] } : {}),
    channel,
    categoryCode,
    hoursAgo,
    text,
    ...(extra?.typed ? { typed: extra.typed } : {}),
    ...(extra?.c ? { cluster: extra.c } : {}),
    risk: extra?.r ?? [],
  };
});
