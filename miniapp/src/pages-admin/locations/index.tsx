import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Unit } from '@mashang/shared/org';
import { IMPORT_COLUMNS, type AdminLocation } from '@mashang/shared/admin-org';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { GridPicker, useGrids } from '../grid-picker.tsx';
import { useAction } from '../hooks.ts';
import { pickSheet } from '../pick-file.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

const EMPTY = { name: '', address: '', lat: '', lng: '' };

/**
 * QR locations of a grid: create and edit (coordinates as shown by 高德/腾讯 maps, GCJ-02,
 * converted to WGS-84 by the server), and bulk import from CSV or Excel.
 */
export default function LocationsPage() {
  const { busy, error, fields, run, setError } = useAction();
  const { grids, label } = useGrids(setError);
  const [grid, setGrid] = useState<Unit | undefined>();
  const [items, setItems] = useState<AdminLocation[]>([]);
  const [editing, setEditing] = useState<AdminLocation | undefined>();
  const [form, setForm] = useState(EMPTY);
  const [notice, setNotice] = useState('');
  const [rowErrors, setRowErrors] = useState<Array<{ path: string; message: string }>>([]);

  if (!requireStaff()) return null;

  const load = async (g: Unit) => {
    const res = await run(() => api.admin.locations.list(g.id));
    if (res) setItems(res.items);
  };
  const pick = (g: Unit) => {
    setGrid(g);
    setEditing(undefined);
    setForm(EMPTY);
    void load(g);
  };
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const save = async () => {
    if (!grid) return setError('请先选择网格');
    const input = { name: form.name.trim(), gridId: editing?.gridId ?? grid.id, address: form.address.trim() || undefined, lat: num(form.lat), lng: num(form.lng), datum: 'gcj02' as const };
    const res = await run(() => (editing ? api.admin.locations.update(editing.id, input) : api.admin.locations.create(input)));
    if (res) {
      setNotice(`已保存「${res.location.name}」`);
      setEditing(undefined);
      setForm(EMPTY);
      await load(grid);
    }
  };
  const importFile = async () => {
    // While the grid's list loads, an import would be refused after the file was picked: pick nothing.
    if (busy) return;
    setRowErrors([]);
    const file = await pickSheet().catch((err: unknown) => setError(err instanceof Error ? err.message : '无法读取文件'));
    if (!file) return;
    const res = await run(async () => {
      try {
        return await api.admin.locations.import({ fileBase64: file.base64, format: file.format, datum: 'gcj02' });
      } catch (err) {
        const fields = (err as { fields?: Array<{ path: string; message: string }> }).fields ?? [];
        setRowErrors(fields.filter((f) => f.path.startsWith('rows.')));
        throw err;
      }
    });
    if (res) {
      setNotice(`已导入 ${res.imported} 个地点`);
      if (grid) await load(grid);
    }
  };

  return (
    <View className='page admin-locations'>
      <AdminNav current='locations' />
      <View className='card'>
        <GridPicker id='location-grid' grids={grids} label={label} value={grid} onPick={pick} />
        <Text className='muted'>
          批量导入：CSV（UTF-8）或 Excel 文件，第一行为表头：{IMPORT_COLUMNS.join('、')}。“网格”填网格名称或编号；经纬度按高德、腾讯地图显示的坐标（GCJ-02）填写，系统自动转换为 WGS-84。任何一行有误则整份文件都不导入。
        </Text>
        <Button id='location-import' className='btn' disabled={busy || undefined} onClick={() => void importFile()}>
          从 CSV / Excel 导入
        </Button>
      </View>
      {error ? (
        <Text className='form-error' id='location-error'>
          {error}
        </Text>
      ) : null}
      {rowErrors.length > 0 ? (
        <View className='import-errors' id='location-import-errors'>
          {rowErrors.map((f) => {
            const [, row, column] = f.path.split('.');
            return <Text key={f.path} className='import-error'>{`第 ${row} 行「${column ?? ''}」：${f.message}`}</Text>;
          })}
        </View>
      ) : null}
      {notice && !error ? (
        <Text className='muted' id='location-notice'>
          {notice}
        </Text>
      ) : null}
      {grid ? (
        <View className='card' id='location-form'>
          <Text className='field__label'>{editing ? `修改「${editing.name}」` : '新建地点'}</Text>
          <Input id='location-name' className='input' value={form.name} maxlength={40} placeholder='地点名称，如：东街菜市场北门' onInput={(e) => setForm({ ...form, name: e.detail.value })} />
          {fields.name ? <Text className='form-error'>{fields.name}</Text> : null}
          <Input id='location-address' className='input' value={form.address} maxlength={80} placeholder='地址（可选）' onInput={(e) => setForm({ ...form, address: e.detail.value })} />
          <Input id='location-lat' className='input' type='digit' value={form.lat} placeholder='纬度（GCJ-02，可选）' onInput={(e) => setForm({ ...form, lat: e.detail.value })} />
          <Input id='location-lng' className='input' type='digit' value={form.lng} placeholder='经度（GCJ-02，可选）' onInput={(e) => setForm({ ...form, lng: e.detail.value })} />
          {fields.lat || fields.lng ? <Text className='form-error'>{fields.lat ?? fields.lng}</Text> : null}
          <Text className='muted'>坐标请从高德或腾讯地图取点（GCJ-02 坐标系），保存时自动转换为手机定位使用的 WGS-84。</Text>
          <Button id='location-save' className='btn btn--primary' disabled={busy || undefined} onClick={() => void save()}>
            保存
          </Button>
        </View>
      ) : null}
      <View className='card' id='location-list'>
        {items.map((l) => (
          <View key={l.id} className='tree__row' id={`location-${l.id}`}>
            <View>
              <Text>{l.name}</Text>
              <Text className='muted'>{` ${l.centreName}`}</Text>
            </View>
            <Text
              className='link'
              onClick={() => {
                setEditing(l);
                setForm({ name: l.name, address: l.address ?? '', lat: '', lng: '' });
                void Taro.pageScrollTo({ scrollTop: 0 });
              }}
            >
              修改
            </Text>
          </View>
        ))}
        {grid && items.length === 0 ? <Text className='muted'>该网格还没有二维码地点</Text> : null}
      </View>
    </View>
  );
}
