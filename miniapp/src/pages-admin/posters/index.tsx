import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Unit } from '@mashang/shared/org';
import type { AdminLocation } from '@mashang/shared/admin-org';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { GridPicker, useGrids } from '../grid-picker.tsx';
import { useAction } from '../hooks.ts';
import { downloadFile } from '../download.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

/**
 * Printable posters of a grid's QR locations as one PDF (A4, six per sheet, or one A3
 * poster each), and single codes as SVG or PNG.
 */
export default function PostersPage() {
  const { busy, error, run, setError } = useAction();
  const { grids, label } = useGrids(setError);
  const [grid, setGrid] = useState<Unit | undefined>();
  const [items, setItems] = useState<AdminLocation[]>([]);
  const [notice, setNotice] = useState('');
  if (!requireStaff()) return null;

  const pick = async (g: Unit) => {
    setGrid(g);
    const res = await run(() => api.admin.locations.list(g.id));
    if (res) setItems(res.items);
  };
  const pdf = async (layout: 'a4' | 'a3') => {
    if (!grid) return setError('请先选择网格');
    const ok = await run(() => downloadFile('/api/admin/posters', { gridId: grid.id, layout }, `二维码海报-${grid.name}.pdf`, 'pdf').then(() => true));
    if (ok) setNotice(`已生成「${grid.name}」${items.length} 个地点的海报（${layout.toUpperCase()}）`);
  };

  return (
    <View className='page admin-posters'>
      <AdminNav current='posters' />
      <View className='card'>
        <GridPicker id='poster-grid' grids={grids} label={label} value={grid} onPick={(g) => void pick(g)} />
        <Text className='muted'>每张海报有二维码、地点名称、所属网格、受理单位、服务热线和三行扫码说明。A4 每页 6 个，裁开张贴；A3 每个地点一张。</Text>
        <View className='admin-actions'>
          <Button id='poster-a4' className='btn btn--primary' disabled={busy || !grid || undefined} onClick={() => void pdf('a4')}>
            打印整个网格（A4）
          </Button>
          <Button id='poster-a3' className='btn' disabled={busy || !grid || undefined} onClick={() => void pdf('a3')}>
            每个地点一张（A3）
          </Button>
        </View>
      </View>
      {error ? (
        <Text className='form-error' id='poster-error'>
          {error}
        </Text>
      ) : null}
      {notice && !error ? (
        <Text className='muted' id='poster-notice'>
          {notice}
        </Text>
      ) : null}
      <View className='card'>
        {items.map((l) => (
          <View key={l.id} className='tree__row'>
            <Text>{l.name}</Text>
            <View className='admin-actions'>
              <Text className='link' onClick={() => void run(() => downloadFile(`/api/admin/locations/${encodeURIComponent(l.id)}/qr`, { format: 'svg' }, `${l.id}.svg`, 'svg'))}>
                SVG
              </Text>
              <Text className='link' onClick={() => void run(() => downloadFile(`/api/admin/locations/${encodeURIComponent(l.id)}/qr`, { format: 'png' }, `${l.id}.png`, 'png'))}>
                PNG
              </Text>
              <Text className='link' onClick={() => void run(() => downloadFile(`/api/admin/locations/${encodeURIComponent(l.id)}/qr`, { format: 'wxacode' }, `${l.id}-小程序码.png`, 'png'))}>
                小程序码
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
