import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';

interface Colleague {
  id: string;
  name: string;
  roles: string[];
}

/**
 * 转交: the colleagues of the unit holding the request who work requests (handlers and
 * supervisors, active accounts only — the unit's staff list), without the signed-in
 * staff member and the current 承办人.
 */
export function HandOverPicker({ unitId, selfId, assigneeId, value, onPick }: { unitId: string; selfId?: string; assigneeId?: string; value: string; onPick: (id: string) => void }) {
  const [colleagues, setColleagues] = useState<Colleague[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    api.units.duty(unitId).then(
      (r) => live && setColleagues(r.staff.filter((s) => s.id !== selfId && s.id !== assigneeId && (s.roles.includes('handler') || s.roles.includes('supervisor')))),
      (err: unknown) => live && setError(toApiError(err).message),
    );
    return () => {
      live = false;
    };
  }, [unitId, selfId, assigneeId]);
  return (
    <>
      <Text className='field__label'>转交给（本单位同事）</Text>
      {error ? <Text className='form-error'>{error}</Text> : null}
      {!colleagues && !error ? <Text className='muted'>正在加载本单位工作人员…</Text> : null}
      {colleagues && colleagues.length === 0 ? <Text className='muted'>本单位没有其他可转交的办理人员</Text> : null}
      <View className='chips' id='colleague-options'>
        {(colleagues ?? []).map((c) => (
          <View key={c.id} id={`colleague-${c.id}`} className={`chip chip--small ${value === c.id ? 'chip--active' : ''}`} onClick={() => onPick(c.id)}>
            <Text className='chip__name'>{c.name}</Text>
          </View>
        ))}
      </View>
    </>
  );
}
