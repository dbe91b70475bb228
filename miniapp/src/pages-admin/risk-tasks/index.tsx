import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { RiskWarningView } from '@mashang/shared/contracts/signals';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { formatTime } from '../../lib/time.ts';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

/**
 * The grid worker's risk tasks (GET /api/risk/tasks): warnings raised on requests of
 * their grid, open ones by deadline; each is closed with what was verified and done.
 */
export default function RiskTasksPage() {
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [items, setItems] = useState<RiskWarningView[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const load = async (s: 'open' | 'done') => {
    setStatus(s);
    const res = await run(() => api.risk.tasks(s));
    if (res) setItems(res.items);
  };
  useLoad(() => {
    if (requireStaff()) void load('open');
  });
  const done = async (w: RiskWarningView) => {
    const res = await run(() => api.risk.completeTask(w.id, (notes[w.id] ?? '').trim(), w.version));
    if (res) await load(status);
  };

  return (
    <View className='page admin-risk-tasks'>
      <View className='admin-nav'>
        <Text id='risk-tasks-open' className={`chip chip--small ${status === 'open' ? 'chip--active' : ''}`} onClick={() => void load('open')}>
          待处置
        </Text>
        <Text id='risk-tasks-done' className={`chip chip--small ${status === 'done' ? 'chip--active' : ''}`} onClick={() => void load('done')}>
          已处置
        </Text>
      </View>
      {error ? <Text className='form-error'>{error}</Text> : null}
      {items.length === 0 && !error ? <Text className='muted'>暂无{status === 'open' ? '待处置' : '已处置'}的预警任务</Text> : null}
      {items.map((w) => (
        <View key={w.id} className='card' id={`risk-task-${w.id}`}>
          <Text className='field__label'>{`${w.levelLabel} · ${w.categoryName} · ${w.locationName}`}</Text>
          <Text>{w.summary}</Text>
          <Text className='muted'>{w.fired.flatMap((f) => f.indicators).join('；')}</Text>
          <Text className={w.overdue ? 'form-error' : 'muted'}>{w.status === 'open' ? `请于 ${formatTime(w.dueAt)} 前核实${w.overdue ? '（已超时）' : ''}` : `${w.doneBy?.name ?? ''} ${formatTime(w.doneAt ?? '')} 处置：${w.note ?? ''}`}</Text>
          {w.status === 'open' ? (
            <>
              <Textarea className='input' value={notes[w.id] ?? ''} placeholder='核实和处置情况' onInput={(e) => setNotes({ ...notes, [w.id]: e.detail.value })} />
              <Button className='btn btn--primary' disabled={busy || undefined} onClick={() => void done(w)}>
                已核实处置
              </Button>
            </>
          ) : null}
        </View>
      ))}
    </View>
  );
}
