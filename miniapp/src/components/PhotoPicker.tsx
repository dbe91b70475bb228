import { Image, Text, View } from '@tarojs/components';
import type { PickedPhoto } from '../lib/photos.ts';

interface Props {
  photos: PickedPhoto[];
  max: number;
  onAdd: () => void;
  onRemove: (id: string) => void;
  onRetry: (id: string) => void;
}

const STATUS_TEXT: Record<PickedPhoto['status'], string> = { uploading: '上传中…', done: '', failed: '上传失败，点此重试' };

/** Photos of the problem: thumbnails with their upload state, and a big "add" tile while there is room. */
export function PhotoPicker({ photos, max, onAdd, onRemove, onRetry }: Props) {
  return (
    <View className='photos' id='photos'>
      {photos.map((p, i) => (
        <View key={p.id} className={`photo photo--${p.status}`} id={`photo-${i}`}>
          <Image className='photo__img' src={p.preview} mode='aspectFill' onClick={() => (p.status === 'failed' ? onRetry(p.id) : undefined)} />
          {p.status !== 'done' ? (
            <Text className='photo__state' onClick={() => (p.status === 'failed' ? onRetry(p.id) : undefined)}>
              {p.error && p.status === 'failed' ? `${p.error}，点此重试` : STATUS_TEXT[p.status]}
            </Text>
          ) : null}
          <Text className='photo__remove' id={`photo-remove-${i}`} onClick={() => onRemove(p.id)}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < max ? (
        <View className='photo photo--add' id='photo-add' onClick={onAdd}>
          <Text className='photo__plus'>＋</Text>
          <Text className='photo__hint'>拍照或选照片</Text>
          <Text className='photo__count'>
            {photos.length}/{max}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
