import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { Unit, UnitKind } from '@mashang/shared/org';
import { PARENT_KINDS, UNIT_KIND_LABELS } from '@mashang/shared/admin-org';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

const KINDS: UnitKind[] = ['street', 'community', 'grid', 'department'];

/** The unit tree (county → street → community → grid, and departments): create, rename, move, deactivate. */
export default function UnitsPage() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [selected, setSelected] = useState<Unit | undefined>();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>('grid');
  const [rename, setRename] = useState('');
  const [notice, setNotice] = useState('');
  const { busy, error, fields, run } = useAction();

  const load = () =>
    run(async () => {
      const reply = await api.admin.units.list();
      setUnits(reply.items);
      return reply;
    });
  useLoad(() => {
    if (requireStaff()) void load();
  });

  const byId = new Map(units.map((u) => [u.id, u]));
  const parentsFor = (k: UnitKind) => units.filter((u) => !u.disabled && PARENT_KINDS[k].includes(u.kind));
  const label = (u: Unit) => u.path.slice(1, -1).map((id) => byId.get(id)?.name ?? id).concat(u.name).join(' / ');
  const childKinds = selected ? KINDS.filter((k) => PARENT_KINDS[k].includes(selected.kind)) : [];
  const [moveIndex, setMoveIndex] = useState(0);
  const moveTargets = selected ? parentsFor(selected.kind).filter((u) => !u.path.includes(selected.id)) : [];

  const create = async () => {
    if (!selected) return;
    const res = await run(() => api.admin.units.create({ name: name.trim(), kind, parentId: selected.id }));
    if (res) {
      setName('');
      setNotice(`已新建「${res.unit.name}」`);
      await load();
    }
  };
  const act = async (what: 'rename' | 'move' | 'deactivate') => {
    if (!selected) return;
    const res = await run(() =>
      what === 'rename' ? api.admin.units.rename(selected.id, rename.trim()) : what === 'move' ? api.admin.units.move(selected.id, moveTargets[moveIndex]?.id ?? '') : api.admin.units.deactivate(selected.id),
    );
    if (res) {
      setNotice(what === 'move' ? `已移动「${res.unit.name}」${res.relocated ? `，${res.relocated} 个二维码地点改由新的街道受理（已提交的诉求不变）` : ''}` : what === 'rename' ? `已改名为「${res.unit.name}」` : `已停用「${res.unit.name}」`);
      setSelected(undefined);
      await load();
    }
  };

  return (
    <View className='page admin-units'>
      <AdminNav current='units' />
      {error ? (
        <Text className='form-error' id='unit-error'>
          {error}
        </Text>
      ) : null}
      {notice && !error ? (
        <Text className='muted' id='unit-notice'>
          {notice}
        </Text>
      ) : null}
      {selected ? (
        <View className='card' id='unit-actions'>
          <Text className='field__label'>{label(selected)}</Text>
          {childKinds.length > 0 && !selected.disabled ? (
            <View id='unit-create-form'>
              <Text className='muted'>在此单位下新建：</Text>
              <View className='admin-nav'>
                {childKinds.map((k) => (
                  <Text key={k} id={`unit-kind-${k}`} className={`chip chip--small ${kind === k ? 'chip--active' : ''}`} onClick={() => setKind(k)}>
                    {UNIT_KIND_LABELS[k]}
                  </Text>
                ))}
              </View>
              <Input id='unit-name' className='input' value={name} maxlength={40} placeholder='名称，如：东街第三网格' onInput={(e) => setName(e.detail.value)} />
              {fields.name ? <Text className='form-error'>{fields.name}</Text> : null}
              <Button id='unit-create' className='btn btn--primary' disabled={busy || !childKinds.includes(kind) || undefined} onClick={() => void create()}>
                新建{UNIT_KIND_LABELS[kind]}
              </Button>
            </View>
          ) : null}
          <Input id='unit-rename' className='input' value={rename} maxlength={40} placeholder='新名称' onInput={(e) => setRename(e.detail.value)} />
          <Button id='unit-rename-submit' className='btn' disabled={busy || undefined} onClick={() => void act('rename')}>
            改名
          </Button>
          {moveTargets.length > 0 ? (
            <>
              <Picker mode='selector' range={moveTargets.map(label)} onChange={(e) => setMoveIndex(Number(e.detail.value))}>
                <View className='input' id='unit-move-target'>移至：{moveTargets[moveIndex] ? label(moveTargets[moveIndex]!) : '请选择'}</View>
              </Picker>
              <Button id='unit-move' className='btn' disabled={busy || undefined} onClick={() => void act('move')}>
                移动（新诉求按新归属受理）
              </Button>
            </>
          ) : null}
          <Button id='unit-deactivate' className='btn btn--ghost' disabled={busy || undefined} onClick={() => void act('deactivate')}>
            停用
          </Button>
        </View>
      ) : null}
      <View className='card' id='unit-tree'>
        {units.map((u) => (
          <View
            key={u.id}
            id={`unit-${u.id}`}
            className={`tree__row ${selected?.id === u.id ? 'tree__row--selected' : ''} ${u.disabled ? 'tree__row--disabled' : ''}`}
            style={{ paddingLeft: `${(u.path.length - 1) * 28}px` }}
            onClick={() => {
              setSelected(u);
              setRename(u.name);
              setMoveIndex(0);
              const first = KINDS.find((k) => PARENT_KINDS[k].includes(u.kind));
              if (first) setKind(first);
            }}
          >
            <Text>{u.name}</Text>
            <Text className='muted'>
              {UNIT_KIND_LABELS[u.kind]}
              {u.disabled ? ' · 已停用' : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
