import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { SYNONYM_SOURCE_LABELS, type SynonymGroupView } from '@mashang/shared/synonyms';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

const EMPTY = { id: '', concept: '', terms: '', broader: '', aspect: false };

/**
 * The thesaurus hotspots compare requests with (shared/src/synonyms.ts): the bundled groups
 * and the county's own. An admin adds a group (Lanzhou's 冰拔凉 → 室温低), changes one,
 * switches a bundled one off or restores it; every change is in the audit log.
 */
export default function SynonymsPage() {
  const { busy, error, fields, run } = useAction();
  const [items, setItems] = useState<SynonymGroupView[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [filter, setFilter] = useState('');

  const load = () =>
    run(async () => {
      setItems((await api.admin.synonyms.list()).items);
      return true;
    });
  useLoad(() => {
    if (requireStaff()) void load();
  });

  const save = async () => {
    const terms = form.terms.split(/[\s,，、]+/).filter((t) => t !== '');
    const res = await run(() =>
      api.admin.synonyms.save(form.id.trim(), { concept: form.concept, terms, aspect: form.aspect, ...(form.broader.trim() ? { broader: form.broader.trim() } : {}) }),
    );
    if (res) {
      setForm(EMPTY);
      await load();
    }
  };
  const edit = (g: SynonymGroupView) => setForm({ id: g.id, concept: g.concept, terms: g.terms.join(' '), broader: g.broader ?? '', aspect: g.aspect });
  const shown = filter ? items.filter((g) => g.concept.includes(filter) || g.id.includes(filter) || g.terms.some((t) => t.includes(filter))) : items;

  return (
    <View className='page admin-synonyms'>
      <AdminNav current='synonyms' />
      <View className='card'>
        <Text className='field__label'>新增或修改同义词组</Text>
        <Text className='muted'>同一组的说法在热点归并时视为同一件事；“上位概念”表示这组词也属于更宽的主题（如 室温低 → 供暖）。</Text>
        <Input id='synonym-id' className='input' value={form.id} maxlength={40} placeholder='编号，如 lanzhou-cold（小写字母、数字、连字符）' onInput={(e) => setForm({ ...form, id: e.detail.value })} />
        {fields.id ? <Text className='form-error'>{fields.id}</Text> : null}
        <Input id='synonym-concept' className='input' value={form.concept} maxlength={10} placeholder='概念，如 室温低' onInput={(e) => setForm({ ...form, concept: e.detail.value })} />
        {fields.concept ? <Text className='form-error'>{fields.concept}</Text> : null}
        <Input id='synonym-terms' className='input' value={form.terms} maxlength={600} placeholder='词语，用空格或顿号分隔：冰拔凉 冻成狗' onInput={(e) => setForm({ ...form, terms: e.detail.value })} />
        {fields.terms ? <Text className='form-error'>{fields.terms}</Text> : null}
        <Input id='synonym-broader' className='input' value={form.broader} maxlength={10} placeholder='上位概念（可不填），如 供暖' onInput={(e) => setForm({ ...form, broader: e.detail.value })} />
        {fields.broader ? <Text className='form-error'>{fields.broader}</Text> : null}
        <View className='tree__row'>
          <Text>只是“方面”（时间、人群、状态），不是主题</Text>
          <Switch id='synonym-aspect' checked={form.aspect} onChange={(e) => setForm({ ...form, aspect: e.detail.value })} />
        </View>
        <Button id='synonym-save' className='btn btn--primary' disabled={busy || undefined} onClick={() => void save()}>
          保存
        </Button>
      </View>
      {error ? <Text className='form-error'>{error}</Text> : null}
      <View className='card'>
        <Input id='synonym-filter' className='input' value={filter} placeholder='查找词语或概念' onInput={(e) => setFilter(e.detail.value.trim())} />
        {shown.map((g) => (
          <View key={g.id} id={`synonym-${g.id}`} className={`tree__row ${g.enabled ? '' : 'tree__row--disabled'}`}>
            <View>
              <Text>{`${g.concept}${g.broader ? ` → ${g.broader}` : ''}${g.aspect ? '（方面）' : ''}`}</Text>
              <Text className='muted'>{` ${SYNONYM_SOURCE_LABELS[g.source]}${g.enabled ? '' : ' · 已停用'} · ${g.terms.join('、')}`}</Text>
            </View>
            <View>
              <Text className='link' onClick={() => edit(g)}>
                修改
              </Text>
              {g.enabled ? (
                <Text className='link' id={`synonym-remove-${g.id}`} onClick={() => void run(() => api.admin.synonyms.remove(g.id)).then((r) => r && load())}>
                  {g.source === 'added' ? ' 删除' : ' 停用'}
                </Text>
              ) : null}
              {g.source === 'changed' ? (
                <Text className='link' onClick={() => void run(() => api.admin.synonyms.remove(g.id, true)).then((r) => r && load())}>
                  {' 恢复内置'}
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
