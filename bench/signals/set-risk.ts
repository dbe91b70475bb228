import { rows } from './rows.ts';

/**
 * Risk early warning: what a resident, an operator or a grid worker writes
 * when a dispute or a person is at risk, in plain words (rarely the phrases
 * of a rule), labelled with the indicators a careful grid worker would see;
 * and requests that use the same words harmlessly (烟雾报警器, 预防自杀讲座,
 * 孩子睡不着) and must raise nothing.
 */
export const RISK_ROWS = rows('r', [
  // Neighbours.
  ['xijie', 'qr', 'dispute', 150, '楼上那家天天半夜拖椅子跺脚，我上去敲门说了几次，对方开门就骂，还说再来就让我好看', { r: ['dispute-neighbour', 'violence'] }],
  ['lanyuan', 'qr', 'dispute', 140, '隔壁把鞋柜杂物全堆在公共楼道里，说了不听，两家为这事吵了好几次架', { r: ['dispute-neighbour'] }],
  ['jinyu', 'hotline_12345', 'dispute', 130, '对门养的狗天天叫，跟他们沟通反而被骂了一顿', { r: ['dispute-neighbour'], typed: '金雨花园' }],
  ['xingfu', 'qr', 'dispute', 120, '邻居在走廊装了个摄像头正对着我家门，让他拆他不拆，两家闹得很僵', { r: ['dispute-neighbour'] }],
  ['tielu', 'grid', 'dispute', 110, '铁路新村两户居民因院墙占地问题积怨多年，近日再次发生争吵', { r: ['dispute-neighbour', 'long-dispute'] }],
  ['xijie', 'qr', 'dispute', 96, '楼下老说我家漏水，天天上来砸门，我们家根本没漏，这日子没法过了', { r: ['dispute-neighbour'] }],
  ['lanyuan', 'visit', 'dispute', 80, '兰园小区两家邻居因为停车位打起来了，一方头被打破', { r: ['dispute-neighbour', 'violence'], typed: '兰园小区' }],
  ['xingfu', 'hotline_12345', 'dispute', 60, '和楼上的矛盾已经好几年了，物业社区都调解过，没用，现在见面就吵', { r: ['dispute-neighbour', 'long-dispute'], typed: '幸福家园' }],
  ['jinyu', 'qr', 'dispute', 40, '隔壁老往我家门口倒垃圾，我说了一句他就要动手', { r: ['dispute-neighbour', 'violence'] }],
  ['tielu', 'qr', 'dispute', 12, '邻居家孩子天天在楼道踢球，我去说了两次，他家大人跟我吵起来了', { r: ['dispute-neighbour'] }],
  // Families and couples.
  ['xingfu', 'police_110', 'dispute', 150, '110转来：女子称丈夫酒后打她，孩子也吓坏了，已出警', { r: ['dispute-family', 'violence', 'police', 'minor'], typed: '幸福家园小区' }],
  ['tielu', 'visit', 'dispute', 135, '儿子儿媳把我赶出来不让进家门，为了老房子的事跟他们闹翻了', { r: ['dispute-family'], typed: '铁路新村' }],
  ['buxingjie', 'hotline_12345', 'dispute', 120, '前男友分手后天天在我上班的店门口堵我，还发消息说不复合就弄死我', { r: ['dispute-family', 'violence'], typed: '张掖路步行街' }],
  ['lanyuan', 'grid', 'dispute', 105, '兰园小区一户兄妹几人因老人赡养问题多次争吵，老人无人照顾', { r: ['dispute-family'] }],
  ['jinyu', 'hotline_12345', 'dispute', 90, '我在闹离婚，他把孩子藏起来不让我见，已经一个月了', { r: ['dispute-family', 'minor'], typed: '金雨花园' }],
  ['hongxing', 'qr', 'dispute', 70, '女儿订婚彩礼的事两家谈崩了，男方家里说要来我店里闹', { r: ['dispute-family'] }],
  ['xijie', 'grid', 'dispute', 50, '西街小区一对夫妻长期吵架，邻居反映经常听到摔东西和哭喊声', { r: ['dispute-family', 'long-dispute'] }],
  ['tielu', 'hotline_12345', 'dispute', 30, '我妈被我继父打了好几次了，她不敢说，我在外地，求社区去看看', { r: ['dispute-family', 'violence'], typed: '铁路新村' }],
  ['xingfu', 'qr', 'dispute', 9, '老公赌博欠了一屁股债，天天有人上门要账，我和孩子不敢在家住', { r: ['dispute-family', 'minor'] }],
  // Land.
  ['tielu', 'visit', 'dispute', 160, '我家宅基地的边界跟邻居说不清，他把院墙往我家这边砌了半米', { r: ['dispute-land', 'dispute-neighbour'], typed: '铁路新村' }],
  ['gongdi', 'letter', 'dispute', 140, '锦华苑项目征地时说好的补偿款到现在没发，十几户人都有意见', { r: ['dispute-land', 'group'], typed: '锦华苑' }],
  ['tielu', 'hotline_12345', 'dispute', 100, '老家承包地被村里重新分了，我家的地划给了别人，找了几次都没说法', { r: ['dispute-land', 'petition'], typed: '铁路新村' }],
  ['gongyuan', 'grid', 'dispute', 64, '公园南侧菜地两户因地界争议互不相让，有冲突苗头', { r: ['dispute-land'] }],
  ['xingfu', 'visit', 'housing', 20, '拆迁安置房分配不公平，我家的面积少算了二十平，拆迁办一直推', { r: ['dispute-land'], typed: '幸福家园' }],
  // Against the property company.
  ['lanyuan', 'qr', 'property', 150, '物业因为我没交物业费就把我家的水停了，还让保安堵在门口', { r: ['dispute-property'] }],
  ['xijie', 'hotline_12345', 'property', 125, '跟物业保安因为进门登记吵起来了，保安推了我一把，我摔倒了', { r: ['dispute-property', 'violence'], typed: '西街小区' }],
  ['lanyuan', 'grid', 'property', 85, '兰园小区业主与物业因车位收费发生冲突，三十多名业主聚集在物业办公室', { r: ['dispute-property', 'group'] }],
  ['xingfu', 'qr', 'property', 48, '物业经理在业主群里骂人，大家说好了明天一起去物业讨个说法', { r: ['dispute-property', 'group'] }],
  ['jinyu', 'letter', 'property', 15, '业主委员会和物业公司矛盾激化，物业扬言要撤场停电停水', { r: ['dispute-property'], typed: '金雨花园' }],
  // Wages.
  ['buxingjie', 'qr', 'labour', 150, '在步行街一家火锅店干了三个月，老板一分钱工资没给就关门了', { r: ['wage-arrears'] }],
  ['hongxing', 'hotline_12345', 'labour', 130, '装修公司欠我们几个师傅的工钱，老板电话打不通', { r: ['wage-arrears'], typed: '红星巷' }],
  ['donggang', 'visit', 'labour', 110, '保洁公司拖欠环卫工人两个月工资，十几个人一起来问', { r: ['wage-arrears', 'group'], typed: '东岗西路' }],
  ['tielu', 'qr', 'labour', 75, '包工头跑了，我们的钱找谁要', { r: ['wage-arrears'] }],
  ['jinta', 'hotline_12345', 'labour', 45, '公司说效益不好，已经半年没发工资了，社保也停了', { r: ['wage-arrears'], typed: '金塔巷' }],
  ['gongdi', 'grid', 'labour', 4, '锦华苑工地几名工人爬上塔吊讨薪，称不给钱就不下来', { c: 'wages-gongdi', r: ['wage-arrears', 'group', 'self-harm'] }],
  // Groups.
  ['xingfu', 'grid', 'housing', 140, '幸福家园业主对延期交房不满，正在征集签名准备联名上访', { r: ['group', 'petition'] }],
  ['donggang', 'police_110', 'other', 115, '110转来：东岗西路路口有四五十人聚集，拉着横幅堵路', { r: ['group', 'police'], typed: '东岗西路皋兰路口' }],
  ['jinyu', 'qr', 'property', 92, '业主们准备周末在小区门口拉横幅维权', { r: ['group'] }],
  ['hongxing', 'grid', 'market', 66, '红星巷农贸市场商户对摊位费上涨不满，几十户商户关门罢市', { r: ['group'] }],
  ['gongyuan', 'hotline_12345', 'housing', 22, '我们一百多户业主已经联名写信，开发商再不给办证就去市里', { r: ['group', 'petition'], typed: '小西湖公园旁' }],
  // Extreme emotions, self-harm.
  ['xijie', 'hotline_12345', 'social_security', 150, '低保被取消了，我一个人带着病，活着真没什么意思了', { r: ['self-harm'], typed: '西街小区' }],
  ['tielu', 'qr', 'other', 125, '我真的撑不下去了，再这样下去我也不知道自己会干出什么事', { r: ['self-harm'] }],
  ['lanyuan', 'grid', 'other', 100, '兰园小区一独居男子近日情绪低落，对网格员说想一死了之', { r: ['self-harm'] }],
  ['binhe', 'police_110', 'other', 80, '110转来：有人站在滨河路桥栏杆外面，说要跳河', { r: ['self-harm', 'police'], typed: '滨河路' }],
  ['xingfu', 'qr', 'labour', 55, '欠我的钱再不给，我就从你们公司楼上跳下去', { r: ['self-harm'] }],
  ['jinyu', 'hotline_12345', 'dispute', 33, '被楼上逼得快疯了，我现在情绪已经控制不住了，真怕自己做出什么事来', { r: ['self-harm', 'dispute-neighbour'], typed: '金雨花园3号楼' }],
  ['hongxing', 'visit', 'other', 10, '来访人称生意失败欠了很多钱，几次说想喝药，情绪很不稳定', { r: ['self-harm'], typed: '红星巷' }],
  // Threats and violence.
  ['buxingjie', 'qr', 'dispute', 145, '隔壁店老板说再抢他生意就拿刀砍我', { r: ['violence', 'dispute-neighbour'] }],
  ['nanguan', 'hotline_12345', 'other', 115, '南关十字附近有一伙人天天在那打群架', { r: ['violence', 'group'], typed: '南关十字' }],
  ['jinta', 'qr', 'market', 70, '菜市场两个摊主因为占位置打起来了，一个人脸都被打肿了', { r: ['violence'] }],
  ['tielu', 'grid', 'dispute', 42, '铁路新村一居民扬言要烧了邻居家的车，已做初步劝解', { r: ['violence', 'dispute-neighbour'] }],
  // Police already called.
  ['xijie', 'qr', 'dispute', 135, '楼上半夜唱歌吵闹，报了三次警了，警察一走又接着唱', { r: ['police', 'dispute-neighbour'] }],
  ['gongdi', 'hotline_12345', 'environment', 95, '工地夜间施工打了好几次110，派出所来过也不管用', { c: 'works-gongdi', r: ['police'], typed: '锦华苑工地' }],
  ['lanyuan', 'qr', 'other', 65, '停在楼下的车被人划了，已经报警了，请物业调监控', { r: ['police'] }],
  ['buxingjie', 'hotline_12345', 'market', 35, '在步行街买东西被店家强行拉住不让走，当时就打了110', { r: ['police'], typed: '张掖路步行街' }],
  // Repeated petitions.
  ['xijie', 'hotline_12345', 'property', 155, '这个问题我已经打了八次12345了，每次都说转给物业，到现在一点变化都没有', { r: ['petition'], typed: '西街小区' }],
  ['tielu', 'letter', 'housing', 120, '关于铁路新村危房改造的事，我从前年开始反映，写了不下十封信，至今没有答复', { r: ['petition'], typed: '铁路新村' }],
  ['jinyu', 'visit', 'dispute', 78, '来访人第五次到街道反映与物业的纠纷，称再不解决就去省里上访', { r: ['petition', 'dispute-property'], typed: '金雨花园' }],
  ['lanyuan', 'qr', 'utilities', 26, '反映多少次了还是没人管，再不给解决我就去市政府', { r: ['petition'] }],
  // People in special situations.
  ['tielu', 'grid', 'other', 150, '铁路新村一名精神障碍患者近期停药，在楼道里大喊大叫，家属管不住', { r: ['special-person'] }],
  ['xingfu', 'qr', 'other', 130, '我们楼有个人精神不太正常，经常拿着棍子在小区里转，大家都害怕', { r: ['special-person', 'violence'] }],
  ['hongxing', 'grid', 'other', 100, '红星巷一名刑满释放人员回到社区，与家人关系紧张', { r: ['special-person', 'dispute-family'] }],
  ['lanyuan', 'hotline_12345', 'other', 76, '隔壁那个人好像在吸毒，家里经常有陌生人进出', { r: ['special-person'], typed: '兰园小区' }],
  ['xijie', 'visit', 'social_security', 50, '我儿子有精神分裂症，最近犯病了不肯吃药，我一个人照顾不了', { r: ['special-person'], typed: '西街小区' }],
  ['jinyu', 'grid', 'other', 24, '金雨花园一名社区矫正人员近期未按时报到，手机关机', { r: ['special-person'] }],
  // Minors.
  ['xiaoxue', 'qr', 'education', 150, '我家孩子在学校被几个高年级的学生堵在厕所里打，还要他交钱', { r: ['minor', 'violence'] }],
  ['tielu', 'grid', 'other', 120, '铁路新村一户家长外出打工，两个小孩长期独自在家，没人照看', { r: ['minor'] }],
  ['buxingjie', 'qr', 'market', 95, '步行街的网吧让未成年人随便进，半夜还有初中生在里面', { r: ['minor'] }],
  ['xingfu', 'hotline_12345', 'dispute', 72, '楼下那家天天打孩子，孩子哭得撕心裂肺，不知道该不该管', { r: ['minor', 'violence'], typed: '幸福家园' }],
  ['xiaoxue', 'visit', 'education', 40, '我女儿十四岁，前天离家出走到现在没回来，已经报警了', { r: ['minor', 'police'], typed: '庆阳路小学' }],
  ['hongxing', 'qr', 'labour', 14, '市场里有家饭馆雇了个十五岁的孩子干活，一天干十几个小时', { r: ['minor'] }],
  // Same words, no risk.
  ['tielu', 'qr', 'safety_hazard', 145, '楼道里的烟雾报警器一直响，吵得人心慌，是不是坏了', {}],
  ['xingfu', 'qr', 'other', 135, '社区组织的预防自杀心理讲座场地太小，很多人没位置', {}],
  ['jinyu', 'qr', 'other', 126, '小区里的车被蹭了，还没报警，想先看看监控', {}],
  ['lanyuan', 'qr', 'environment', 116, '邻居家装修电钻声太吵，孩子午睡睡不着，能不能协调一下装修时间', {}],
  ['xijie', 'qr', 'education', 106, '社区的未成年人保护宣传活动在哪里报名', {}],
  ['buxingjie', 'qr', 'other', 97, '步行街上的警务室晚上没人，有事找不到警察', {}],
  ['gongyuan', 'qr', 'other', 86, '公园里孩子玩的滑梯有个螺丝松了，孩子容易划伤', {}],
  ['xiaoxue', 'hotline_12345', 'education', 77, '学校周边能不能多安排几个交警，孩子们过马路不安全', { typed: '庆阳路小学' }],
  ['tielu', 'visit', 'social_security', 68, '想了解一下精神残疾人的护理补贴怎么申请', { typed: '铁路新村' }],
  ['donggang', 'qr', 'other', 58, '路口聚集了很多共享单车，把盲道都占了', {}],
  ['hongxing', 'qr', 'labour', 49, '想问一下工资条上的个税扣得对不对', {}],
  ['jinta', 'qr', 'market', 38, '在菜市场和摊主因为价格吵了两句，他卖的菜比超市还贵', {}],
  ['binhe', 'qr', 'other', 29, '广场上的大爷们下象棋吵吵嚷嚷，但挺热闹的，建议多放几张桌子', {}],
  ['xingfu', 'qr', 'property', 19, '物业费能不能用微信交，每次都得跑物业办公室', {}],
  ['lanyuan', 'qr', 'utilities', 13, '家里的暖气片想换个位置，要找谁', {}],
  ['gongdi', 'qr', 'housing', 7, '新房子收房的时候发现墙上有裂缝，开发商说是正常的', {}],
  ['xijie', 'grid', 'other', 5, '西街小区网格员入户走访独居老人，老人身体状况良好', {}],
  ['buxingjie', 'qr', 'other', 3, '昨天在步行街看到有人打架，不过已经散了，建议多安排巡逻', { r: ['violence'] }],
  ['jinyu', 'qr', 'dispute', 2, '想咨询一下楼上漏水把我家泡了，维修费用该怎么算', {}],
  ['tielu', 'qr', 'education', 1, '孩子上初中了，学校离家太远，有没有校车', {}],
]);
