import { rows } from './rows.ts';

/**
 * Hotspots: the same problem at the same place, worded differently, through
 * different channels. Written for this evaluation (not taken from the unit
 * fixtures), modelled on 12345 work orders and the seeds' 149路 case.
 */
export const CLUSTER_ROWS = rows('c', [
  // 幸福家园: heating not warm enough.
  ['xingfu', 'qr', 'utilities', 140, '家里暖气片摸着是凉的，屋里才十四五度，老人孩子都冻感冒了', { c: 'heat-xingfu' }],
  ['xingfu', 'hotline_12345', 'utilities', 118, '幸福家园小区今年供暖温度不达标，室内温度一直达不到18度，请督促热力公司', { c: 'heat-xingfu', typed: '幸福家园小区' }],
  ['xingfu', 'qr', 'property', 96, '暖气不热，找物业说是热力公司的事，热力公司又说是小区管网的问题，来回踢皮球', { c: 'heat-xingfu' }],
  ['xingfu', 'grid', 'utilities', 70, '网格走访：幸福家园7号楼多户反映暖气只有温乎气，晚上在家得穿羽绒服', { c: 'heat-xingfu' }],
  ['xingfu', 'letter', 'utilities', 44, '我是幸福家园5号楼住户，交了采暖费，屋里冷得跟冰窖一样，请领导管一管', { c: 'heat-xingfu', typed: '幸福家园5号楼' }],
  ['xingfu', 'hotline_12345', 'other', 20, '幸福家园北区集中供热不热，室温只有13度', { c: 'heat-xingfu', typed: '幸福家园北区' }],
  // 兰园小区 (same grid as 幸福家园): heating.
  ['lanyuan', 'qr', 'utilities', 150, '兰园小区暖气温度太低，屋里冷得坐不住', { c: 'heat-lanyuan' }],
  ['lanyuan', 'hotline_12345', 'utilities', 100, '兰园小区12号楼供暖不热，家里有刚出生的婴儿，温度不到16度', { c: 'heat-lanyuan', typed: '兰园小区12号楼' }],
  ['lanyuan', 'grid', 'utilities', 60, '兰园小区住户反映暖气片上面热下面凉，整体室温偏低', { c: 'heat-lanyuan' }],
  ['lanyuan', 'qr', 'property', 12, '都供暖半个月了家里还是冰凉的，物业只说在排查', { c: 'heat-lanyuan' }],
  // 金雨花园: heating of one building.
  ['jinyu', 'qr', 'utilities', 130, '3号楼一单元暖气一点都不热，放了气也不行', { c: 'heat-jinyu' }],
  ['jinyu', 'hotline_12345', 'utilities', 90, '金雨花园三号楼几户人家暖气不热，请热力公司上门看看', { c: 'heat-jinyu', typed: '金雨花园' }],
  ['jinyu', 'visit', 'utilities', 30, '金雨花园3号楼居民来访，反映今冬供暖效果差，室温不达标', { c: 'heat-jinyu', typed: '金雨花园3号楼' }],
  // 铁路新村: heating has not come at all.
  ['tielu', 'hotline_12345', 'utilities', 160, '铁路新村到现在还没来暖气，别的小区早就供暖了', { c: 'heat-tielu', typed: '铁路新村' }],
  ['tielu', 'qr', 'utilities', 110, '我们铁路新村的暖气管子还是冰的，什么时候开始供热', { c: 'heat-tielu' }],
  ['tielu', 'grid', 'utilities', 50, '铁路新村老旧小区锅炉房未按时烧锅炉，住户家中无暖气', { c: 'heat-tielu' }],
  // 幸福家园: a heating pipe leaking (another problem at the same estate).
  ['xingfu', 'qr', 'property', 80, '楼道里暖气管爆了，热水流了一地，一直在漏水', { c: 'leak-xingfu' }],
  ['xingfu', 'hotline_12345', 'property', 76, '幸福家园9号楼楼道暖气管道破裂漏水，水都流到电梯井里了', { c: 'leak-xingfu', typed: '幸福家园9号楼' }],
  // 149路 at 甘肃大剧院.
  ['dajuyuan', 'qr', 'traffic', 100, '149路早上八点多等了二十五分钟才来一趟，上班天天迟到', { c: 'bus149' }],
  ['dajuyuan', 'hotline_12345', 'traffic', 74, '大剧院那站的149路发车间隔太长了，早高峰根本挤不上去', { c: 'bus149', typed: '甘肃大剧院' }],
  ['dajuyuan', 'grid', 'traffic', 50, '网格员巡查发现甘肃大剧院站候车人员拥挤，群众反映149路班次少', { c: 'bus149' }],
  ['dajuyuan', 'letter', 'traffic', 26, '建议增加149路公交车早高峰的车次，大剧院站每天都排长队', { c: 'bus149', typed: '甘肃大剧院站' }],
  // 南关十字: the 1路 skips the stop.
  ['nanguan', 'qr', 'traffic', 120, '1路公交经常不进站，站台上的人招手司机也不停', { c: 'bus1-nanguan' }],
  ['nanguan', 'hotline_12345', 'traffic', 80, '南关十字站1路车甩站，老人追都追不上', { c: 'bus1-nanguan', typed: '南关十字' }],
  ['nanguan', 'qr', 'traffic', 40, '南关十字的1路司机过站不停，投诉多次了', { c: 'bus1-nanguan', r: ['petition'] }],
  // 南关十字: the 137路 runs too rarely (another line at the same stop).
  ['nanguan', 'qr', 'traffic', 115, '137路晚上九点以后就没车了，下晚班回不了家', { c: 'bus137-nanguan' }],
  ['nanguan', 'hotline_12345', 'traffic', 66, '南关十字137路末班车太早，能否延长运营时间', { c: 'bus137-nanguan', typed: '南关十字公交站' }],
  ['nanguan', 'grid', 'traffic', 18, '群众反映137路晚上班次太少，末班车八点半就收了', { c: 'bus137-nanguan' }],
  // 西街小区: lift of building 3.
  ['xijie', 'qr', 'property', 140, '3号楼电梯坏了五天了，物业贴了个通知就不管了', { c: 'lift-xijie' }],
  ['xijie', 'hotline_12345', 'property', 100, '西街小区三号楼的电梯一直停用，住18楼的老人下不了楼', { c: 'lift-xijie', typed: '西街小区' }],
  ['xijie', 'grid', 'property', 60, '西街小区3号楼电梯故障未修复，高层独居老人买菜需邻居帮忙', { c: 'lift-xijie' }],
  // 金雨花园: people trapped in the lift.
  ['jinyu', 'qr', 'property', 120, '电梯今天又困人了，一个孕妇在里面关了四十分钟', { c: 'lift-jinyu' }],
  ['jinyu', 'police_110', 'property', 96, '110转来：金雨花园3号楼电梯困人，已救出，请街道督促物业检修', { c: 'lift-jinyu', r: ['police'], typed: '金雨花园3号楼' }],
  ['jinyu', 'hotline_12345', 'property', 52, '金雨花园的电梯一个月困了三次人，维保单位到底有没有检修', { c: 'lift-jinyu', typed: '金雨花园' }],
  // 东岗西路路口: rubbish.
  ['donggang', 'qr', 'sanitation', 130, '路口的垃圾箱满得溢出来了，三天没人拉', { c: 'trash-donggang' }],
  ['donggang', 'hotline_12345', 'sanitation', 85, '东岗西路和皋兰路交叉口垃圾堆成山，夏天臭得很', { c: 'trash-donggang', typed: '东岗西路皋兰路口' }],
  ['donggang', 'grid', 'sanitation', 40, '东岗西路路口生活垃圾未及时清运，有异味', { c: 'trash-donggang' }],
  // 红星巷农贸市场: rubbish.
  ['hongxing', 'qr', 'sanitation', 140, '市场后门的垃圾站烂菜叶子堆着没人清，苍蝇到处飞', { c: 'trash-hongxing' }],
  ['hongxing', 'grid', 'sanitation', 72, '红星巷农贸市场垃圾清运不及时，垃圾房周边脏乱', { c: 'trash-hongxing' }],
  ['hongxing', 'hotline_12345', 'sanitation', 30, '红星巷菜市场的垃圾好几天没运走，味道很大', { c: 'trash-hongxing', typed: '红星巷菜市场' }],
  // 张掖路步行街: night-time noise from shops.
  ['buxingjie', 'qr', 'environment', 150, '步行街的服装店门口音响放得震天响，晚上十一点还在放', { c: 'noise-buxingjie' }],
  ['buxingjie', 'hotline_12345', 'environment', 110, '张掖路步行街商户用大喇叭招揽顾客，吵得住户没法休息', { c: 'noise-buxingjie', typed: '张掖路步行街' }],
  ['buxingjie', 'grid', 'environment', 70, '步行街中段多家店铺夜间外放音乐，噪声扰民', { c: 'noise-buxingjie' }],
  ['buxingjie', 'letter', 'environment', 22, '我家住步行街楼上，楼下店铺每天放音乐到半夜，孩子睡不好觉', { c: 'noise-buxingjie', typed: '张掖路步行街' }],
  // 滨河路健身广场: square dancing.
  ['binhe', 'qr', 'environment', 160, '广场舞音响声音太大，每天晚上七点到十点吵个不停', { c: 'dance-binhe' }],
  ['binhe', 'hotline_12345', 'environment', 120, '滨河路健身广场跳广场舞的音乐太吵，家里老人心脏不好受不了', { c: 'dance-binhe', typed: '滨河路健身广场' }],
  ['binhe', 'grid', 'environment', 75, '滨河路广场夜间跳舞音响扰民，已劝导但效果不明显', { c: 'dance-binhe' }],
  ['binhe', 'qr', 'other', 28, '能不能管管跳舞的，喇叭开那么大声，小孩写作业都没法写', { c: 'dance-binhe' }],
  // 锦华苑工地: building work at night.
  ['gongdi', 'qr', 'environment', 140, '工地半夜还在打桩，咚咚响，根本睡不着', { c: 'works-gongdi' }],
  ['gongdi', 'hotline_12345', 'environment', 98, '雁滩路锦华苑工地夜间施工，凌晨两点还有渣土车进出', { c: 'works-gongdi', typed: '雁滩路锦华苑工地' }],
  ['gongdi', 'letter', 'environment', 62, '锦华苑项目连夜施工，噪音严重影响周边居民休息，请查处', { c: 'works-gongdi', typed: '锦华苑项目' }],
  ['gongdi', 'qr', 'environment', 14, '晚上十二点了搅拌机还在响，还让不让人睡觉了', { c: 'works-gongdi' }],
  // 锦华苑工地: dust.
  ['gongdi', 'grid', 'environment', 130, '锦华苑工地裸土未覆盖，刮风扬尘严重', { c: 'dust-gongdi' }],
  ['gongdi', 'qr', 'environment', 88, '工地出来的车带泥上路，灰尘大得睁不开眼', { c: 'dust-gongdi' }],
  ['gongdi', 'hotline_12345', 'environment', 36, '雁滩路锦华苑工地扬尘污染，窗户都不敢开', { c: 'dust-gongdi', typed: '雁滩路锦华苑' }],
  // 锦华苑工地: unpaid wages (risk: wage arrears, some group).
  ['gongdi', 'hotline_12345', 'labour', 150, '我在锦华苑工地干了四个月活，包工头一直拖着不给工资', { c: 'wages-gongdi', r: ['wage-arrears'], typed: '锦华苑工地' }],
  ['gongdi', 'visit', 'labour', 100, '锦华苑项目二十多名农民工来访，反映被拖欠工资近三十万元', { c: 'wages-gongdi', r: ['wage-arrears', 'group'], typed: '锦华苑项目' }],
  ['gongdi', 'grid', 'labour', 60, '锦华苑工地十几名工人聚集在项目部门口讨要工钱，情绪激动', { c: 'wages-gongdi', r: ['wage-arrears', 'group'] }],
  ['gongdi', 'qr', 'labour', 30, '工地欠我们的血汗钱到底什么时候给，快过年了家里等着用钱', { c: 'wages-gongdi', r: ['wage-arrears'] }],
  ['gongdi', 'hotline_12345', 'labour', 8, '锦华苑工地的工资还没结，工友们说明天一起去政府讨说法', { c: 'wages-gongdi', r: ['wage-arrears', 'group', 'petition'], typed: '锦华苑工地' }],
  // 金塔巷菜市场: barbecue smoke.
  ['jinta', 'qr', 'environment', 120, '菜市场门口的烧烤摊油烟太大，呛得人直咳嗽', { c: 'bbq-jinta' }],
  ['jinta', 'hotline_12345', 'environment', 80, '金塔巷菜市场旁边烧烤店排烟直冲居民窗户', { c: 'bbq-jinta', typed: '金塔巷' }],
  ['jinta', 'grid', 'environment', 26, '金塔巷烤串店油烟未经净化直排，周边住户投诉', { c: 'bbq-jinta' }],
  // 兰园小区: water cut.
  ['lanyuan', 'qr', 'utilities', 70, '兰园小区从早上开始停水，到现在也没个通知', { c: 'water-lanyuan' }],
  ['lanyuan', 'hotline_12345', 'utilities', 66, '兰园小区全天没水，做饭洗漱都成问题，什么时候恢复供水', { c: 'water-lanyuan', typed: '兰园小区' }],
  ['lanyuan', 'grid', 'utilities', 62, '兰园小区因管道维修断水，部分住户反映未提前告知', { c: 'water-lanyuan' }],
  ['lanyuan', 'qr', 'utilities', 58, '水龙头一滴水都不出，家里老人等着吃药', { c: 'water-lanyuan' }],
  // 铁路新村: power cuts.
  ['tielu', 'qr', 'utilities', 90, '铁路新村这周停了三次电，冰箱里的东西都坏了', { c: 'power-tielu' }],
  ['tielu', 'hotline_12345', 'utilities', 54, '铁路新村老是突然断电，也不知道是线路老化还是什么原因', { c: 'power-tielu', typed: '铁路新村' }],
  ['tielu', 'grid', 'utilities', 20, '铁路新村片区频繁跳闸停电，居民意见很大', { c: 'power-tielu' }],
  // 庆阳路小学: street lamps out.
  ['xiaoxue', 'qr', 'traffic', 150, '学校门口的路灯坏了一排，晚上黑乎乎的', { c: 'lamp-xiaoxue' }],
  ['xiaoxue', 'hotline_12345', 'traffic', 96, '庆阳路小学附近路灯不亮，孩子晚自习放学摸黑走路', { c: 'lamp-xiaoxue', typed: '庆阳路小学' }],
  ['xiaoxue', 'grid', 'other', 44, '庆阳路小学门口路段照明设施损坏，存在安全隐患', { c: 'lamp-xiaoxue' }],
  // 庆阳路小学: parents' cars.
  ['xiaoxue', 'qr', 'traffic', 140, '放学时家长的车乱停，把学校门口堵得水泄不通', { c: 'parking-xiaoxue' }],
  ['xiaoxue', 'grid', 'traffic', 88, '庆阳路小学上下学时段接送车辆违停严重，交通拥堵', { c: 'parking-xiaoxue' }],
  ['xiaoxue', 'hotline_12345', 'traffic', 16, '庆阳路小学门口早上送孩子的车停满了路，公交都过不去', { c: 'parking-xiaoxue', typed: '庆阳路小学' }],
  // 东岗西路路口: manhole cover.
  ['donggang', 'qr', 'safety_hazard', 48, '路口人行道上的井盖不见了，一个大窟窿，太危险了', { c: 'manhole-donggang' }],
  ['donggang', 'police_110', 'safety_hazard', 45, '东岗西路皋兰路口井盖缺失，有行人差点掉下去', { c: 'manhole-donggang', typed: '东岗西路皋兰路口' }],
  ['donggang', 'grid', 'safety_hazard', 43, '东岗西路路口窨井盖丢失，已临时围挡', { c: 'manhole-donggang' }],
  // 东岗西路路口: potholes.
  ['donggang', 'qr', 'traffic', 150, '路口的路面坑坑洼洼，下雨全是积水，车一过溅一身', { c: 'pothole-donggang' }],
  ['donggang', 'hotline_12345', 'traffic', 58, '东岗西路靠皋兰路那段路面塌陷了一个大坑', { c: 'pothole-donggang', typed: '东岗西路' }],
  // 红星巷农贸市场: street stalls.
  ['hongxing', 'qr', 'market', 130, '市场门口小摊小贩占道摆摊，人都走不过去', { c: 'stall-hongxing' }],
  ['hongxing', 'grid', 'sanitation', 90, '红星巷农贸市场外流动摊点占道经营', { c: 'stall-hongxing' }],
  ['hongxing', 'hotline_12345', 'traffic', 34, '红星巷市场外面的地摊把路占了一半，电动车都过不去', { c: 'stall-hongxing', typed: '红星巷' }],
  // 金塔巷菜市场: short weights.
  ['jinta', 'qr', 'market', 100, '在菜市场买了二斤肉回家一称只有一斤六两，缺斤短两太明显了', { c: 'weights-jinta' }],
  ['jinta', 'hotline_12345', 'market', 64, '金塔巷菜市场有摊位秤不准，买菜总是少秤', { c: 'weights-jinta', typed: '金塔巷菜市场' }],
  ['jinta', 'qr', 'market', 10, '水果摊用鬼秤，三斤橘子少了半斤', { c: 'weights-jinta' }],
  // 西街小区: drains.
  ['xijie', 'qr', 'property', 120, '单元门口下水道堵了，污水冒出来臭气熏天', { c: 'drain-xijie' }],
  ['xijie', 'hotline_12345', 'property', 74, '西街小区下水管道堵塞，一楼住户家里返水', { c: 'drain-xijie', typed: '西街小区' }],
  ['xijie', 'grid', 'property', 30, '西街小区化粪池满了外溢，需要尽快清掏', { c: 'drain-xijie' }],
  // 小西湖公园: stray dogs.
  ['gongyuan', 'qr', 'other', 110, '公园里好几条流浪狗，早上锻炼的人被追着咬', { c: 'dogs-gongyuan' }],
  ['gongyuan', 'hotline_12345', 'other', 70, '小西湖公园南门一带流浪狗成群，孩子都不敢去玩', { c: 'dogs-gongyuan', typed: '小西湖公园' }],
  ['gongyuan', 'grid', 'other', 24, '小西湖公园流浪犬数量增多，存在伤人隐患', { c: 'dogs-gongyuan' }],
  // 小西湖公园: public toilet.
  ['gongyuan', 'qr', 'sanitation', 80, '公园南门的公厕脏得没法进，好几天没人打扫', { c: 'toilet-gongyuan' }],
  ['gongyuan', 'hotline_12345', 'sanitation', 38, '小西湖公园南门厕所卫生太差，味道很大', { c: 'toilet-gongyuan', typed: '小西湖公园南门' }],
  // 铁路新村: e-bikes charged in stairwells.
  ['tielu', 'qr', 'safety_hazard', 130, '楼道里一排电动车在充电，插线板拖了一地，万一着火怎么办', { c: 'ebike-tielu' }],
  ['tielu', 'grid', 'safety_hazard', 84, '铁路新村多个单元存在飞线充电、电动车进楼现象', { c: 'ebike-tielu' }],
  ['tielu', 'hotline_12345', 'safety_hazard', 12, '铁路新村有人从窗户拉线给电瓶车充电，太危险', { c: 'ebike-tielu', typed: '铁路新村' }],
  // 金雨花园: smell of gas.
  ['jinyu', 'qr', 'safety_hazard', 6, '3号楼楼道里一股煤气味，不知道谁家漏气了', { c: 'gas-jinyu' }],
  ['jinyu', 'hotline_12345', 'safety_hazard', 5, '金雨花园3号楼闻到很浓的燃气味，请燃气公司马上来', { c: 'gas-jinyu', typed: '金雨花园3号楼' }],
  // 兰园小区: property fees.
  ['lanyuan', 'qr', 'property', 150, '物业费一年涨了两次，服务一点没变好', { c: 'fee-lanyuan' }],
  ['lanyuan', 'hotline_12345', 'property', 94, '兰园小区物业乱收费，停车费也涨了，没开业主大会', { c: 'fee-lanyuan', typed: '兰园小区' }],
  ['lanyuan', 'letter', 'property', 40, '兰园小区物业公司擅自上调物业管理费，请住建部门核查', { c: 'fee-lanyuan', typed: '兰园小区' }],
  // 西街小区: yellow tap water.
  ['xijie', 'qr', 'utilities', 66, '自来水放出来是黄的，还有铁锈味', { c: 'tap-xijie' }],
  ['xijie', 'hotline_12345', 'utilities', 30, '西街小区水质浑浊发黄，不敢喝', { c: 'tap-xijie', typed: '西街小区' }],
  // 滨河路健身广场: a broken tree.
  ['binhe', 'qr', 'environment', 20, '广场边上的大树枝被风刮断了，吊在半空中', { c: 'tree-binhe' }],
  ['binhe', 'grid', 'environment', 16, '滨河路健身广场一棵树的树枝折断悬挂，需尽快修剪', { c: 'tree-binhe' }],
  // 幸福家园: the gate's access control.
  ['xingfu', 'qr', 'property', 56, '北门门禁坏了，谁都能进，外卖电动车在小区里乱窜', { c: 'gate-xingfu' }],
  ['xingfu', 'grid', 'property', 33, '幸福家园北门门禁系统失灵，大门常开', { c: 'gate-xingfu' }],
  // 金雨花园: water from the flat above (a dispute between neighbours).
  ['jinyu', 'qr', 'dispute', 90, '楼上卫生间漏水把我家天花板泡坏了，找他们好几次都不管，还骂人', { c: 'leak-dispute-jinyu', r: ['dispute-neighbour'] }],
  ['jinyu', 'hotline_12345', 'dispute', 28, '金雨花园3号楼楼上楼下因漏水闹矛盾，两家吵了好几回了', { c: 'leak-dispute-jinyu', r: ['dispute-neighbour'], typed: '金雨花园3号楼' }],
]);
