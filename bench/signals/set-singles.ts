import { rows } from './rows.ts';

/**
 * Requests that belong to no hotspot: other problems at the places of the
 * hotspots (the hard negatives: same estate, same bus stop, another problem),
 * the hotspots' problems at other places, and everyday one-off requests.
 */
export const SINGLE_ROWS = rows('s', [
  // At 幸福家园, not the heating.
  ['xingfu', 'qr', 'utilities', 60, '暖气费今年怎么交？线上缴费的入口找不到', {}],
  ['xingfu', 'qr', 'property', 100, '小区绿化带被人种了菜，物业也不管', {}],
  ['xingfu', 'hotline_12345', 'housing', 90, '幸福家园顶楼有人私搭彩钢房，违章建筑', { typed: '幸福家园小区' }],
  ['xingfu', 'qr', 'sanitation', 30, '北门口的垃圾桶破了，垃圾撒了一地', {}],
  ['xingfu', 'grid', 'environment', 14, '幸福家园底商饭馆油烟直排，熏到楼上住户', {}],
  ['xingfu', 'qr', 'social_security', 120, '想咨询一下社区养老服务中心的助餐怎么报名', {}],
  ['xingfu', 'qr', 'property', 8, '地下车库的灯全坏了，晚上停车黑灯瞎火的', {}],
  // At 兰园小区, not heating, water or fees.
  ['lanyuan', 'qr', 'property', 130, '电梯按钮失灵，按了十几下才有反应', {}],
  ['lanyuan', 'grid', 'environment', 100, '兰园小区有住户在楼下焚烧垃圾，烟很大', {}],
  ['lanyuan', 'qr', 'other', 44, '小区里有人遛狗不拴绳，狗在草坪上随地大小便', {}],
  ['lanyuan', 'hotline_12345', 'traffic', 20, '兰园小区东门外的人行道被共享单车堵死了', { typed: '兰园小区东门' }],
  // At 金雨花园, not the heating, the lift, gas or the leak.
  ['jinyu', 'qr', 'property', 140, '单元门的门禁卡刷不开，已经报修两次了', {}],
  ['jinyu', 'hotline_12345', 'housing', 110, '金雨花园3号楼外墙瓷砖脱落，差点砸到人', { typed: '金雨花园' }],
  ['jinyu', 'qr', 'sanitation', 70, '楼道里堆满了杂物，纸箱子都堆到楼梯上了', {}],
  ['jinyu', 'qr', 'other', 4, '快递柜老是满的，快递员把包裹直接扔在门口', {}],
  // At 西街小区, not the lift, drains or the water quality.
  ['xijie', 'qr', 'property', 150, '5号楼的电梯运行时有异响，晃得厉害', {}],
  ['xijie', 'qr', 'property', 90, '南门的道闸坏了，外面的车随便进来占车位', {}],
  ['xijie', 'hotline_12345', 'utilities', 60, '西街小区今天下午停电了，什么时候能来电', { typed: '西街小区' }],
  ['xijie', 'grid', 'safety_hazard', 36, '西街小区2号楼楼顶防护栏锈断，存在坠落风险', {}],
  // Relabelled (was a one-off): 西街小区's QR code, heating not warm, within the days of heat-xijie (set-more.ts, written later).
  ['xijie', 'qr', 'utilities', 10, '我家暖气不热，屋里只有十五度', { c: 'heat-xijie' }],
  // At 铁路新村, not heating, power or e-bikes.
  ['tielu', 'qr', 'housing', 140, '老房子的楼梯扶手断了，老人上下楼不安全', {}],
  ['tielu', 'qr', 'social_security', 80, '低保年审需要带哪些材料', {}],
  ['tielu', 'hotline_12345', 'sanitation', 46, '铁路新村垃圾站旁边的公厕一直锁着门', { typed: '铁路新村' }],
  ['tielu', 'grid', 'utilities', 6, '铁路新村12号楼一户燃气表漏气，已关阀', {}],
  // At 甘肃大剧院 stop, not the 149路.
  ['dajuyuan', 'qr', 'traffic', 130, '公交站的候车亭顶棚破了个洞，下雨天漏雨', {}],
  ['dajuyuan', 'hotline_12345', 'traffic', 70, '大剧院站的站牌上线路信息太旧了，好多线路早就改了', { typed: '甘肃大剧院站' }],
  ['dajuyuan', 'qr', 'traffic', 40, '59路的司机开车太猛，急刹车把老人摔倒了', {}],
  ['dajuyuan', 'qr', 'sanitation', 12, '公交站旁边的垃圾桶满了也没人倒', {}],
  // At 南关十字, not the 1路 or 137路.
  ['nanguan', 'qr', 'traffic', 100, '南关十字的红绿灯时间太短，老人过不完马路', {}],
  ['nanguan', 'grid', 'sanitation', 60, '南关十字公交站周边小广告乱贴', {}],
  ['nanguan', 'qr', 'market', 24, '公交站旁边的报刊亭卖过期饮料', {}],
  // At 东岗西路路口, not the rubbish, manhole or potholes.
  ['donggang', 'qr', 'traffic', 120, '路口左转没有专用信号灯，车辆抢行很危险', {}],
  ['donggang', 'hotline_12345', 'environment', 80, '东岗西路路口有店铺把污水直接倒进雨水口', { typed: '东岗西路' }],
  ['donggang', 'qr', 'market', 50, '路口的药店卖的口罩价格比别处贵一倍', {}],
  ['donggang', 'grid', 'traffic', 20, '东岗西路与皋兰路口人行道护栏被撞倒', {}],
  // At 庆阳路小学, not lamps or parking.
  ['xiaoxue', 'qr', 'education', 130, '小学门口有人卖三无辣条给小学生', {}],
  ['xiaoxue', 'hotline_12345', 'education', 96, '庆阳路小学明年一年级招生的划片范围在哪里查', { typed: '庆阳路小学' }],
  ['xiaoxue', 'qr', 'traffic', 50, '学校门口的斑马线都磨没了，需要重新画', {}],
  ['xiaoxue', 'grid', 'environment', 8, '庆阳路小学对面餐馆油烟扰民', {}],
  // At 步行街, not the night noise.
  ['buxingjie', 'qr', 'market', 140, '步行街有家奶茶店用的是过期原料', {}],
  ['buxingjie', 'qr', 'sanitation', 90, '步行街的垃圾桶太少了，游客把垃圾扔花坛里', {}],
  ['buxingjie', 'hotline_12345', 'traffic', 40, '张掖路步行街有电动车在人群中穿行，很危险', { typed: '张掖路步行街' }],
  ['buxingjie', 'qr', 'market', 6, '步行街一家服装店不给退换货，态度还很差', {}],
  // At 金塔巷菜市场, not weights or barbecue.
  ['jinta', 'qr', 'market', 130, '菜市场的注水肉又出现了，请市场监管查一查', {}],
  ['jinta', 'grid', 'sanitation', 100, '金塔巷菜市场地面污水横流，卫生差', {}],
  // Relabelled (was a one-off): 金塔巷菜市场's QR code, cars parked at its entrance in the morning: parking-jinta (set-more.ts, written later).
  ['jinta', 'qr', 'traffic', 60, '菜市场门口占道停车，早上堵得车都过不去', { c: 'parking-jinta' }],
  ['jinta', 'hotline_12345', 'market', 2, '金塔巷菜市场一家摊位的鸡蛋价格一天涨了三次', { typed: '金塔巷菜市场' }],
  // At 红星巷, not rubbish or stalls.
  ['hongxing', 'qr', 'market', 110, '市场里卖的蔬菜农药残留超标，吃了拉肚子', {}],
  ['hongxing', 'qr', 'safety_hazard', 50, '市场顶棚的电线裸露在外面，下雨会不会漏电', {}],
  ['hongxing', 'grid', 'traffic', 12, '红星巷路面破损，三轮车经常翻', {}],
  // At 滨河路广场, not dancing or the tree.
  ['binhe', 'qr', 'other', 140, '广场的健身器材坏了好几个，螺丝都松了', {}],
  ['binhe', 'qr', 'sanitation', 90, '广场上狗屎到处都是，没人清理', {}],
  ['binhe', 'hotline_12345', 'traffic', 50, '滨河路广场边上晚上有人飙车，轰鸣声很大', { typed: '滨河路' }],
  ['binhe', 'grid', 'safety_hazard', 4, '滨河路健身广场临河护栏缺失一段', {}],
  // At 小西湖公园, not dogs or the toilet.
  ['gongyuan', 'qr', 'environment', 100, '公园湖水发绿发臭，死鱼漂在上面', {}],
  ['gongyuan', 'qr', 'other', 60, '公园晚上八点就关门了，能不能延长开放时间', {}],
  ['gongyuan', 'hotline_12345', 'market', 30, '小西湖公园里的游乐设施收费太贵，也没有明码标价', { typed: '小西湖公园' }],
  // At 锦华苑工地, not noise, dust or wages.
  ['gongdi', 'qr', 'traffic', 110, '工地门口的渣土车把路面压坏了', {}],
  ['gongdi', 'grid', 'safety_hazard', 70, '锦华苑工地塔吊离居民楼太近，大风天很危险', {}],
  ['gongdi', 'hotline_12345', 'housing', 26, '锦华苑项目的商品房延期交房半年了，开发商不给说法', { typed: '锦华苑' }],
  // The hotspots' problems, once, at other places.
  ['tielu', 'qr', 'property', 40, '铁路新村4号楼的电梯坏了三天了', {}],
  ['lanyuan', 'qr', 'environment', 150, '小区门口有人晚上跳广场舞，音响太大', {}],
  ['nanguan', 'hotline_12345', 'traffic', 88, '南关十字站149路车也不好等，半个小时一趟', { typed: '南关十字' }],
  ['gongyuan', 'qr', 'sanitation', 66, '公园门口的垃圾箱满了没人收', {}],
  ['xijie', 'qr', 'environment', 110, '小区旁边的工地晚上施工，噪音太大', {}],
  ['buxingjie', 'qr', 'environment', 26, '步行街上的烧烤摊油烟很大', {}],
  ['hongxing', 'qr', 'market', 44, '红星巷市场卖肉的缺斤短两', {}],
  ['xingfu', 'qr', 'utilities', 130, '家里停水了，怎么回事', {}],
  ['jinyu', 'qr', 'traffic', 30, '小区门口路灯不亮', {}],
  ['binhe', 'qr', 'other', 80, '广场附近有流浪狗', {}],
  ['dajuyuan', 'hotline_12345', 'labour', 66, '我在大剧院旁边的餐馆打工，老板拖欠了两个月工资', { r: ['wage-arrears'], typed: '甘肃大剧院附近' }],
  // Everyday one-off requests.
  ['xijie', 'qr', 'social_security', 150, '医保卡丢了怎么补办', {}],
  ['tielu', 'visit', 'social_security', 140, '老人八十岁了，高龄补贴怎么申请', { typed: '铁路新村社区' }],
  ['xingfu', 'hotline_12345', 'education', 130, '小孩上幼儿园的补贴什么时候发', { typed: '幸福家园' }],
  ['lanyuan', 'qr', 'health', 120, '社区卫生服务站的流感疫苗什么时候到', {}],
  ['jinyu', 'hotline_12345', 'health', 110, '社区医院开药要排很久的队，能不能增加窗口', { typed: '金雨花园附近社区医院' }],
  ['donggang', 'qr', 'other', 100, '想给路口的志愿服务点提个建议，增加饮水机', {}],
  ['gongdi', 'letter', 'housing', 96, '锦华苑小区办房产证需要什么手续', { typed: '锦华苑' }],
  ['nanguan', 'qr', 'other', 88, '公交卡丢了在哪里挂失', {}],
  ['binhe', 'hotline_12345', 'environment', 78, '滨河路河道里有人电鱼', { typed: '滨河路' }],
  ['hongxing', 'qr', 'labour', 70, '想找份保洁的工作，社区有招聘信息吗', {}],
  ['xiaoxue', 'qr', 'education', 60, '课后托管班收费是否合规', {}],
  ['buxingjie', 'hotline_12345', 'other', 50, '步行街的公共WiFi连不上', { typed: '张掖路步行街' }],
  ['jinta', 'qr', 'health', 40, '菜市场旁边的小诊所无证行医', {}],
  ['gongyuan', 'qr', 'environment', 34, '公园的树上有好多毛毛虫，掉在游客身上', {}],
  ['tielu', 'grid', 'housing', 28, '铁路新村一栋危房住着三户人家，需要评估', {}],
  ['xingfu', 'grid', 'other', 22, '幸福家园一户独居老人家里水管冻裂，已协助关阀', {}],
  ['lanyuan', 'letter', 'other', 18, '建议在兰园小区增设快递驿站', { typed: '兰园小区' }],
  ['donggang', 'qr', 'environment', 16, '路口的店铺把空调外机装在人行道上，滴水', {}],
  ['dajuyuan', 'qr', 'other', 10, '大剧院门口找到一个钱包，交给谁', {}],
  ['jinyu', 'qr', 'property', 3, '小区的充电桩坏了一半', {}],
  ['xiaoxue', 'hotline_12345', 'education', 2, '庆阳路小学食堂饭菜质量差，孩子经常吃不饱', { typed: '庆阳路小学' }],
  ['buxingjie', 'qr', 'housing', 1, '步行街上的老楼外墙有裂缝', {}],
]);
