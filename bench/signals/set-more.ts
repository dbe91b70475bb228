import { rows } from './rows.ts';

/** More requests, written after the first three files and before any tuning: hotspots, one-offs and risks mixed. */
export const MORE_ROWS = rows('m', [
  // 西街小区: heating (another estate, another week's wording).
  ['xijie', 'hotline_12345', 'utilities', 40, '西街小区8号楼的暖气烧得不行，室内温度测了才15度', { c: 'heat-xijie', typed: '西街小区8号楼' }],
  ['xijie', 'grid', 'utilities', 28, '西街小区部分楼栋供暖效果不好，居民家中温度偏低', { c: 'heat-xijie' }],
  ['xijie', 'letter', 'utilities', 2, '西街小区的供热问题年年反映年年不解决，今年又是冷冰冰的', { c: 'heat-xijie', r: ['petition'], typed: '西街小区' }],
  // 幸福家园: lift (same estate as the heating and the leak).
  ['xingfu', 'qr', 'property', 66, '2号楼电梯门关不上，停在一楼好几天了', { c: 'lift-xingfu' }],
  ['xingfu', 'hotline_12345', 'property', 31, '幸福家园2号楼电梯坏了没人修，住高层的只能爬楼', { c: 'lift-xingfu', typed: '幸福家园2号楼' }],
  // 南关十字: buses stuck in traffic? No: bus stop shelter (hard: same stop as two bus hotspots).
  ['nanguan', 'qr', 'traffic', 74, '南关十字公交站的站牌被车撞歪了，看不清线路', { c: 'sign-nanguan' }],
  ['nanguan', 'grid', 'traffic', 52, '南关十字公交站站牌倾斜损坏，需更换', { c: 'sign-nanguan' }],
  // 小西湖公园: lamps.
  ['gongyuan', 'qr', 'other', 90, '公园里的路灯一半都不亮，晚上散步黑漆漆的', { c: 'lamp-gongyuan' }],
  ['gongyuan', 'hotline_12345', 'traffic', 45, '小西湖公园南门到湖边那段路没有照明，晚上不安全', { c: 'lamp-gongyuan', typed: '小西湖公园' }],
  ['gongyuan', 'grid', 'other', 15, '小西湖公园园内照明灯损坏多处', { c: 'lamp-gongyuan' }],
  // 金塔巷: parking.
  ['jinta', 'hotline_12345', 'traffic', 84, '金塔巷菜市场门口车辆乱停乱放，早上进不去出不来', { c: 'parking-jinta', typed: '金塔巷菜市场' }],
  ['jinta', 'grid', 'traffic', 22, '金塔巷菜市场入口违停车辆多，造成拥堵', { c: 'parking-jinta' }],
  // 东岗西路路口: noise of a shop's loudspeaker.
  ['donggang', 'qr', 'environment', 96, '路口手机店门口的喇叭从早喊到晚，循环播放促销', { c: 'noise-donggang' }],
  ['donggang', 'hotline_12345', 'environment', 47, '东岗西路皋兰路口有商铺用高音喇叭揽客，噪音扰民', { c: 'noise-donggang', typed: '东岗西路皋兰路口' }],
  // 铁路新村: the water pressure.
  ['tielu', 'qr', 'utilities', 100, '五楼以上水压太小，早晚用水高峰基本没水', { c: 'water-tielu' }],
  ['tielu', 'hotline_12345', 'utilities', 40, '铁路新村高层住户水压不够，洗澡都洗不成', { c: 'water-tielu', typed: '铁路新村' }],
  ['tielu', 'grid', 'utilities', 11, '铁路新村二次供水设备老化，高层供水不足', { c: 'water-tielu' }],
  // 红星巷: food safety.
  ['hongxing', 'qr', 'market', 60, '在红星巷市场买的熟食是变质的，吃了全家拉肚子', { c: 'food-hongxing' }],
  ['hongxing', 'hotline_12345', 'market', 25, '红星巷农贸市场熟食摊卖不新鲜的卤肉，请市场监管检查', { c: 'food-hongxing', typed: '红星巷农贸市场' }],
  // One-offs.
  ['binhe', 'qr', 'environment', 140, '河边有人倒建筑垃圾', {}],
  ['binhe', 'hotline_12345', 'safety_hazard', 100, '滨河路人行道上有根电线杆歪了，随时要倒', { typed: '滨河路' }],
  ['xiaoxue', 'qr', 'traffic', 75, '学校门口的减速带被压坏了，翘起来会扎轮胎', {}],
  ['gongdi', 'qr', 'environment', 55, '工地的污水直接排到马路上了', {}],
  ['buxingjie', 'grid', 'market', 50, '步行街中段有商户无证经营', {}],
  ['jinyu', 'hotline_12345', 'utilities', 45, '金雨花园今天下午停电，电梯也停了', { typed: '金雨花园' }],
  ['lanyuan', 'qr', 'property', 36, '小区健身器材旁边的地砖翘起来了，老人容易绊倒', {}],
  ['dajuyuan', 'grid', 'sanitation', 30, '大剧院东门人行道上有大量烟头和纸屑', {}],
  ['nanguan', 'qr', 'sanitation', 20, '公交站后面有人随地大小便，味道很难闻', {}],
  ['xingfu', 'qr', 'utilities', 6, '燃气费为什么比上个月多了一倍', {}],
  ['hongxing', 'hotline_12345', 'market', 3, '红星巷有个卖保健品的天天给老人开讲座，骗老人买药', { typed: '红星巷' }],
  // Risks in plain words.
  ['lanyuan', 'qr', 'dispute', 130, '楼下那家嫌我家孩子跑跳，拿棍子捅天花板，昨天还冲上来踹门', { r: ['dispute-neighbour', 'violence'] }],
  ['jinyu', 'grid', 'dispute', 118, '金雨花园两户因楼道堆放杂物多次发生口角，矛盾有激化趋势', { r: ['dispute-neighbour'] }],
  ['xingfu', 'hotline_12345', 'dispute', 96, '我跟我老婆分居半年了，她家里人三天两头来我单位闹', { r: ['dispute-family'], typed: '幸福家园' }],
  ['tielu', 'qr', 'labour', 82, '帮人家装修干了一个月，结账的时候老板说没钱，让我等着', { r: ['wage-arrears'] }],
  ['donggang', 'grid', 'labour', 70, '东岗西路某餐饮店十余名员工被拖欠工资，正在店门口聚集', { r: ['wage-arrears', 'group'] }],
  ['binhe', 'hotline_12345', 'other', 58, '我老伴走了以后，我每天都不知道活着图什么，想早点去找她', { r: ['self-harm'], typed: '滨河路' }],
  ['xijie', 'qr', 'dispute', 46, '隔壁那家男的喝醉了就在楼道里骂，还拿着菜刀敲我家门', { r: ['dispute-neighbour', 'violence'] }],
  ['hongxing', 'police_110', 'market', 34, '110转来：红星巷市场两家商户因摊位争执，已报警处理，需社区跟进调解', { r: ['police'], typed: '红星巷农贸市场' }],
  ['jinta', 'visit', 'other', 24, '来访人称已经第三次来反映同一件事，上次答复的问题至今没解决', { r: ['petition'], typed: '金塔巷' }],
  ['gongyuan', 'grid', 'other', 18, '小西湖公园长椅上常有一名流浪人员，精神状况异常，夜间露宿', { r: ['special-person'] }],
  ['xiaoxue', 'hotline_12345', 'education', 12, '有个初中生被同学拍了视频发到网上，孩子现在不肯去上学', { r: ['minor'], typed: '庆阳路小学' }],
  ['tielu', 'qr', 'other', 8, '我家老人有老年痴呆，今天早上出门走丢了，已经报警了，请帮忙找找', { r: ['special-person', 'police'] }],
  ['buxingjie', 'qr', 'dispute', 4, '为了店铺转让费的事和房东吵翻了，房东带了五六个人来把店门堵了，不让我们营业', { r: ['group'] }],
  // Same words, no risk.
  ['lanyuan', 'qr', 'other', 110, '小区里的孩子放学以后没地方玩，建议修个儿童游乐区', {}],
  ['jinyu', 'qr', 'property', 88, '电梯里的报警按钮按了没反应，万一困人怎么办', {}],
  ['donggang', 'qr', 'traffic', 62, '路口经常有车辆闯红灯，建议装个抓拍', {}],
  ['xingfu', 'qr', 'other', 42, '社区能不能办个家庭教育讲座，怎么跟青春期的孩子沟通', {}],
  ['tielu', 'qr', 'labour', 16, '工资卡的银行换了，社保局那边要不要改', {}],
]);
