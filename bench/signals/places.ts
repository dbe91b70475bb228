/**
 * The places of the evaluation set: one street office's QR locations (with
 * their grids). Requests from QR codes and grid workers carry the location;
 * those taken by the 12345 / 110 desk, letters and visits carry only the
 * place the operator typed and the grid chosen.
 */
export interface EvalPlace {
  locationId: string;
  name: string;
  gridId: string;
}

export const PLACES = {
  dajuyuan: { locationId: 'loc-dajuyuan', name: '甘肃大剧院东门公交站', gridId: 'dongjie-g1' },
  donggang: { locationId: 'loc-donggang', name: '东岗西路与皋兰路口', gridId: 'dongjie-g2' },
  nanguan: { locationId: 'loc-nanguan', name: '南关十字公交站', gridId: 'dongjie-g3' },
  xiaoxue: { locationId: 'loc-xiaoxue', name: '庆阳路小学门口', gridId: 'dongjie-g3' },
  xijie: { locationId: 'loc-xijie', name: '西街小区南门', gridId: 'xijie-g1' },
  xingfu: { locationId: 'loc-xingfu', name: '幸福家园小区北门', gridId: 'xijie-g2' },
  // Another estate in the same grid as 幸福家园: two estates, two places.
  lanyuan: { locationId: 'loc-lanyuan', name: '兰园小区东门', gridId: 'xijie-g2' },
  jinyu: { locationId: 'loc-jinyu', name: '金雨花园3号楼', gridId: 'xijie-g3' },
  tielu: { locationId: 'loc-tielu', name: '铁路新村社区服务站', gridId: 'tielu-g1' },
  buxingjie: { locationId: 'loc-buxingjie', name: '张掖路步行街中段', gridId: 'buxingjie-g1' },
  jinta: { locationId: 'loc-jinta', name: '金塔巷菜市场', gridId: 'jinta-g1' },
  hongxing: { locationId: 'loc-hongxing', name: '红星巷农贸市场', gridId: 'jinta-g2' },
  binhe: { locationId: 'loc-binhe', name: '滨河路健身广场', gridId: 'binhe-g1' },
  gongyuan: { locationId: 'loc-gongyuan', name: '小西湖公园南门', gridId: 'binhe-g2' },
  gongdi: { locationId: 'loc-gongdi', name: '雁滩路锦华苑工地', gridId: 'yantan-g1' },
} as const satisfies Record<string, EvalPlace>;

export type PlaceKey = keyof typeof PLACES;
