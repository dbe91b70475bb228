import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { Unit } from '@mashang/shared/org';
import * as api from '../services/api.ts';

/** The grids of the admin's area, for the locations and posters pages; `onPick` gets the chosen grid. */
export function useGrids(onError: (message: string) => void) {
  const [grids, setGrids] = useState<Unit[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useLoad(() => {
    api.admin.units
      .list()
      .then((r) => {
        setNames(new Map(r.items.map((u) => [u.id, u.name])));
        setGrids(r.items.filter((u) => u.kind === 'grid' && !u.disabled));
      })
      .catch((err: unknown) => onError(err instanceof Error ? err.message : '加载失败'));
  });
  const label = (g: Unit) => `${names.get(g.parentId ?? '') ?? ''} / ${g.name}`;
  return { grids, label };
}

/** Type part of a name, tap a grid: works the same in H5 and the mini-program, whatever the number of grids. */
export function GridPicker({ grids, label, value, onPick, id }: { grids: Unit[]; label: (g: Unit) => string; value?: Unit; onPick: (g: Unit) => void; id: string }) {
  const [filter, setFilter] = useState('');
  const shown = grids.filter((g) => label(g).includes(filter.trim())).slice(0, 20);
  return (
    <View id={id}>
      <Text className='field__label'>网格：{value ? label(value) : '请选择网格'}</Text>
      <Input className='input' id={`${id}-filter`} value={filter} placeholder='输入网格或社区名称筛选' onInput={(e) => setFilter(e.detail.value)} />
      <View className='admin-nav'>
        {shown.map((g) => (
          <Text key={g.id} id={`${id}-${g.id}`} className={`chip chip--small ${value?.id === g.id ? 'chip--active' : ''}`} onClick={() => onPick(g)}>
            {label(g)}
          </Text>
        ))}
      </View>
    </View>
  );
}
