import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import type { Unit } from '@mashang/shared/org';
import { orgAdminApi } from '../services/api.ts';

/** The grids of the admin's area, for the locations and posters pages; `onPick` gets the chosen grid. */
export function useGrids(onError: (message: string) => void) {
  const [grids, setGrids] = useState<Unit[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useLoad(() => {
    orgAdminApi
      .units()
      .then((r) => {
        setNames(new Map(r.items.map((u) => [u.id, u.name])));
        setGrids(r.items.filter((u) => u.kind === 'grid' && !u.disabled));
      })
      .catch((err: unknown) => onError(err instanceof Error ? err.message : '加载失败'));
  });
  const label = (g: Unit) => `${names.get(g.parentId ?? '') ?? ''} / ${g.name}`;
  return { grids, label };
}

export function GridPicker({ grids, label, value, onPick, id }: { grids: Unit[]; label: (g: Unit) => string; value?: Unit; onPick: (g: Unit) => void; id: string }) {
  return (
    <Picker mode='selector' range={grids.map(label)} onChange={(e) => onPick(grids[Number(e.detail.value)]!)}>
      <View className='input' id={id}>
        网格：{value ? label(value) : '请选择网格'}
      </View>
    </Picker>
  );
}
