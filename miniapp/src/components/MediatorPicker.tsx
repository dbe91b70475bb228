import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Mediator } from '@mashang/shared/contracts/resident';
import * as api from '../services/api.ts';

/**
 * On a dispute category: the mediation teams (调解组织) the county lists for this place; the
 * resident may pick one (tap again to unpick). Nothing shows when the county lists none.
 */
export function MediatorPicker({ locationId, value, onChange }: { locationId: string; value?: string; onChange: (id: string | undefined) => void }) {
  const [items, setItems] = useState<Mediator[]>([]);
  useEffect(() => {
    api.reference
      .mediators(locationId)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [locationId]);
  if (items.length === 0) return null;
  return (
    <View className='card' id='mediators'>
      <Text className='field__label'>选择调解组织（可选）</Text>
      {items.map((m) => (
        <View key={m.id} id={`mediator-${m.id}`} className={`chip ${value === m.id ? 'chip--active' : ''}`} onClick={() => onChange(value === m.id ? undefined : m.id)}>
          <Text className='chip__name'>{m.name}</Text>
          <Text className='muted'>{`${m.specialty} · ${m.contact}`}</Text>
        </View>
      ))}
    </View>
  );
}
