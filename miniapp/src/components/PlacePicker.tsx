import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PlaceView } from '@mashang/shared/contracts/resident';
import * as api from '../services/api.ts';
import { toApiError } from '../services/api.ts';
import type { PickedPoint } from '../lib/near.ts';
import { ensurePrivacy } from '../lib/privacy-runtime.ts';

/** Browser: the phone's position from navigator.geolocation (WGS-84), or why not. */
function browserPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(e),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

type State = { phase: 'idle' } | { phase: 'busy'; what: string } | { phase: 'done'; title: string; items: PlaceView[] } | { phase: 'error'; message: string };

const distance = (m: number | undefined) => (m === undefined ? '' : m < 1000 ? `${m}米` : `${(m / 1000).toFixed(1)}公里`);

/**
 * No QR code at hand: find the place by name, or list the "码上办" places
 * nearest to the phone (with the resident's permission to locate it).
 */
export function PlacePicker({ onPick, onPoint }: { onPick: (place: PlaceView) => void; onPoint?: (point: PickedPoint) => void }) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<State>({ phase: 'idle' });

  /**
   * Report right here, no QR code: the mini-program opens WeChat's map to pick the point
   * (GCJ-02, converted by the server), a browser asks for the phone's position (WGS-84).
   */
  const here = async () => {
    if (!onPoint) return;
    if (!(await ensurePrivacy())) {
      setState({ phase: 'error', message: '未同意隐私保护指引，不能使用位置。可以在下方输入地点名称搜索。' });
      return;
    }
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const picked = await Taro.chooseLocation({});
        onPoint({ lat: picked.latitude, lng: picked.longitude, datum: 'gcj02', place: (picked.name || picked.address || '').slice(0, 60) || undefined });
      } catch {
        setState({ phase: 'error', message: '没有选定位置。可以再点一次在地图上选，或输入地点名称搜索。' });
      }
      return;
    }
    setState({ phase: 'busy', what: '正在获取您的位置…' });
    try {
      const p = await browserPosition();
      setState({ phase: 'idle' });
      onPoint({ ...p, datum: 'wgs84' });
    } catch {
      setState({ phase: 'error', message: '没能获取您的位置。请允许浏览器使用位置，或在下方输入地点名称搜索。' });
    }
  };

  const nearby = async () => {
    if (!(await ensurePrivacy())) {
      setState({ phase: 'error', message: '未同意隐私保护指引，不能使用位置。可以在下方输入地点名称搜索。' });
      return;
    }
    setState({ phase: 'busy', what: '正在获取您的位置…' });
    let lat: number, lng: number;
    try {
      // WGS-84, the phone's GPS datum, like the locations' stored lat/lng (browsers offer nothing else).
      ({ latitude: lat, longitude: lng } = await Taro.getLocation({ type: 'wgs84' }));
    } catch {
      setState({ phase: 'error', message: '没能获取您的位置。请允许“码上办”使用位置，或在上方输入地点名称搜索。' });
      return;
    }
    try {
      const { items } = await api.places.nearby(lat, lng);
      setState({ phase: 'done', title: items.length ? '离您最近的地点' : '附近5公里内没有“码上办”地点，请输入名称搜索', items });
    } catch (err) {
      setState({ phase: 'error', message: toApiError(err).message });
    }
  };

  const search = async () => {
    const q = query.trim();
    if ([...q].length < 2) {
      setState({ phase: 'error', message: '请至少输入2个字，例如“大剧院”“西街小区”' });
      return;
    }
    setState({ phase: 'busy', what: '正在搜索…' });
    try {
      const { items } = await api.places.search(q);
      setState({ phase: 'done', title: items.length ? `找到 ${items.length} 个地点` : `没有找到“${q}”，换个说法试试`, items });
    } catch (err) {
      setState({ phase: 'error', message: toApiError(err).message });
    }
  };

  return (
    <View className='card places' id='place-picker'>
      <Text className='places__title'>您在哪里遇到的问题？</Text>
      <Text className='muted'>扫街边的“码上办”二维码最快。没有二维码，也可以在这里选地点。</Text>
      {onPoint ? (
        <Button className='btn btn--primary' id='places-here' onClick={() => void here()}>
          {process.env.TARO_ENV === 'weapp' ? '在地图上选出问题位置' : '就在我现在的位置反映'}
        </Button>
      ) : null}
      <Button className={`btn ${onPoint ? 'btn--ghost' : 'btn--primary'}`} id='places-nearby' onClick={() => void nearby()}>
        查找我附近的地点
      </Button>
      <View className='places__search'>
        <Input
          id='places-query'
          className='input places__input'
          value={query}
          placeholder='或输入地点名称，如“大剧院”'
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button className='btn btn--ghost places__go' id='places-search' onClick={() => void search()}>
          搜索
        </Button>
      </View>
      {state.phase === 'busy' ? <Text className='muted'>{state.what}</Text> : null}
      {state.phase === 'error' ? (
        <Text className='field__error' id='places-error'>
          {state.message}
        </Text>
      ) : null}
      {state.phase === 'done' ? (
        <View id='places-results'>
          <Text className='places__result-title'>{state.title}</Text>
          {state.items.map((p) => (
            <View key={p.id} className='place-row' id={`place-${p.id}`} onClick={() => onPick(p)}>
              <View className='place-row__main'>
                <Text className='place-row__name'>{p.name}</Text>
                <Text className='place-row__meta'>
                  {p.communityName} · {p.centreName}
                </Text>
              </View>
              <Text className='place-row__distance'>{distance(p.distanceM)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
