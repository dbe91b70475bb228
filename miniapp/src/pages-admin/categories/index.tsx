import { useState } from 'react';
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components';
import type { AdminCategoriesReply, CategoryInput } from '@mashang/shared/admin-contracts';
import { DEFAULT_POLICY, type SlaPolicy } from '@mashang/shared/sla';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { AdminHeader, ErrorText, useAdminLoad } from '../common.tsx';
import '../admin.scss';

type Item = AdminCategoriesReply['items'][number];
const CLOCK_FIELDS: Array<{ key: keyof SlaPolicy; label: string; unit: string }> = [
  { key: 'respondMinutes', label: '响应', unit: '分钟' },
  { key: 'classifyMinutes', label: '分类', unit: '分钟' },
  { key: 'resolveWorkingDays', label: '办结', unit: '个工作日' },
  { key: 'followUpWorkingDays', label: '回访', unit: '个工作日' },
];

interface Draft {
  code: string;
  name: string;
  hint: string;
  urgent: boolean;
  departmentId: string;
  /** Empty = the default clock. */
  clocks: Record<keyof SlaPolicy, string>;
}

function draftOf(c?: Item): Draft {
  return {
    code: c?.code ?? '',
    name: c?.name ?? '',
    hint: c?.hint ?? '',
    urgent: c?.urgent === true,
    departmentId: c?.defaultDepartmentId ?? '',
    clocks: Object.fromEntries(CLOCK_FIELDS.map((f) => [f.key, c?.policy?.[f.key] === undefined ? '' : String(c.policy[f.key])])) as Draft['clocks'],
  };
}

function inputOf(d: Draft): CategoryInput {
  const policy = Object.fromEntries(
    CLOCK_FIELDS.filter((f) => d.clocks[f.key].trim() !== '').map((f) => [f.key, Number(d.clocks[f.key].trim())]),
  ) as Partial<SlaPolicy>;
  return {
    name: d.name.trim(),
    ...(d.hint.trim() ? { hint: d.hint.trim() } : {}),
    ...(Object.keys(policy).length ? { policy } : {}),
    ...(d.urgent ? { urgent: true } : {}),
    ...(d.departmentId ? { defaultDepartmentId: d.departmentId } : {}),
  };
}

/** Editing one category: name, hint, default department, urgent, any of the four clocks. */
function Editor(props: { draft: Draft; departments: AdminCategoriesReply['departments']; isNew: boolean; onSave: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const [d, setD] = useState(props.draft);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const depts = [{ id: '', name: '（不指定）' }, ...props.departments];
  const save = async () => {
    setBusy(true);
    setError('');
    setFields({});
    try {
      await props.onSave(d);
    } catch (err) {
      const e = toApiError(err);
      setFields(e.fieldMap());
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card' id='category-editor'>
      {props.isNew ? (
        <>
          <Text className='field__label'>类别代码（英文小写，创建后不可改）</Text>
          <Input id='cat-code' className='input' value={d.code} maxlength={31} onInput={(e) => setD({ ...d, code: e.detail.value })} />
          <ErrorText id='cat-code-error' message={fields.code ?? ''} />
        </>
      ) : null}
      <Text className='field__label'>名称</Text>
      <Input id='cat-name' className='input' value={d.name} maxlength={20} onInput={(e) => setD({ ...d, name: e.detail.value })} />
      <Text className='field__label'>说明</Text>
      <Input id='cat-hint' className='input' value={d.hint} maxlength={60} onInput={(e) => setD({ ...d, hint: e.detail.value })} />
      <Text className='field__label'>默认承办部门</Text>
      <Picker mode='selector' range={depts.map((x) => x.name)} onChange={(e) => setD({ ...d, departmentId: depts[Number(e.detail.value)]?.id ?? '' })}>
        <Text className='input' id='cat-dept'>
          {depts.find((x) => x.id === d.departmentId)?.name ?? '（不指定）'}
        </Text>
      </Picker>
      <ErrorText id='cat-dept-error' message={fields.defaultDepartmentId ?? ''} />
      <View className='admin-clock-row'>
        <Text>紧急类别（一键报警入口）</Text>
        <Switch id='cat-urgent' checked={d.urgent} onChange={(e) => setD({ ...d, urgent: e.detail.value })} />
      </View>
      <Text className='field__label'>时限（留空 = 默认：30分钟响应、24小时分类、5个工作日办结、10个工作日回访）</Text>
      {CLOCK_FIELDS.map((f) => (
        <View key={f.key} className='admin-clock-row'>
          <Text>{f.label}</Text>
          <Input
            id={`cat-${f.key}`}
            className='input'
            type='number'
            value={d.clocks[f.key]}
            placeholder={String(DEFAULT_POLICY[f.key])}
            onInput={(e) => setD({ ...d, clocks: { ...d.clocks, [f.key]: e.detail.value } })}
          />
          <Text className='muted'>{f.unit}</Text>
          <ErrorText id={`cat-${f.key}-error`} message={fields[`policy.${f.key}`] ?? ''} />
        </View>
      ))}
      <Text className='muted'>修改只对之后受理的诉求生效，已受理的诉求保持受理时的时限。</Text>
      <ErrorText id='cat-error' message={error} />
      <View className='admin-row'>
        <Button id='cat-save' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void save()}>
          保存
        </Button>
        <Button id='cat-cancel' className='btn btn--ghost' onClick={props.onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

const describe = (c: Item) =>
  `响应${c.effectivePolicy.respondMinutes}分钟 · 分类${c.effectivePolicy.classifyMinutes}分钟 · 办结${c.effectivePolicy.resolveWorkingDays}个工作日 · 回访${c.effectivePolicy.followUpWorkingDays}个工作日`;

/** Categories with their default department and SLA policy; a change applies to requests filed afterwards. */
export default function AdminCategoriesPage() {
  const { value, error, reload } = useAdminLoad(() => api.admin.categories.list());
  const [editing, setEditing] = useState<{ code?: string } | undefined>();
  const [message, setMessage] = useState('');
  const save = async (d: Draft) => {
    if (editing?.code) await api.admin.categories.update(editing.code, inputOf(d));
    else await api.admin.categories.create({ code: d.code.trim(), ...inputOf(d) });
    setMessage(`“${d.name}”已保存，对之后受理的诉求生效`);
    setEditing(undefined);
    await reload();
  };
  const item = editing?.code ? value?.items.find((c) => c.code === editing.code) : undefined;
  return (
    <View className='page admin-categories'>
      <AdminHeader title='诉求类别与时限' />
      <ErrorText id='categories-error' message={error} />
      {message ? (
        <Text className='notice' id='categories-message'>
          {message}
        </Text>
      ) : null}
      {editing && value ? (
        <Editor key={editing.code ?? 'new'} draft={draftOf(item)} departments={value.departments} isNew={!editing.code} onSave={save} onCancel={() => setEditing(undefined)} />
      ) : (
        <Button id='category-new' className='btn btn--ghost' onClick={() => setEditing({})}>
          新增类别
        </Button>
      )}
      {value?.items.map((c) => (
        <View key={c.code} className='card' id={`category-${c.code}`}>
          <View className='admin-kv'>
            <Text className='admin-link__title'>
              {c.name}
              {c.urgent ? '（紧急）' : ''}
            </Text>
            <Text className='link' id={`edit-${c.code}`} onClick={() => setEditing({ code: c.code })}>
              编辑
            </Text>
          </View>
          <Text className='muted' id={`policy-${c.code}`}>
            {describe(c)}
          </Text>
          <Text className='muted'>默认承办：{c.departmentName ?? '由街道综治中心分派'}</Text>
        </View>
      ))}
    </View>
  );
}
