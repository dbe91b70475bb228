import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MAX_PHOTOS } from '@mashang/shared/photos';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { FieldError } from '../../components/Status.tsx';
import type { PickedPhoto } from '../../lib/photos.ts';
import { choosePhotos, photoId, uploadPhoto, type LocalPhoto } from '../../lib/upload.ts';
import { api, toApiError } from '../../services/api.ts';

/** What the resolve form needs to know: the uploaded keys, and whether a photo is still uploading or failed. */
export interface ResolvePhotosState {
  keys: string[];
  pending: boolean;
  failed: boolean;
}

/**
 * Photos of the result for 办结反馈: picked from the camera or album, checked by their
 * first bytes the moment they are picked (a text file named .jpg is refused at once, as on
 * the resident's form), and uploaded straight to storage with the staff member's own
 * presigned POST; the server checks again that each one is theirs and really a photo.
 */
export function ResolvePhotos({ onChange }: { onChange: (state: ResolvePhotosState) => void }) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [problem, setProblem] = useState('');
  const files = useRef(new Map<string, LocalPhoto>());

  useEffect(() => {
    onChange({
      keys: photos.filter((p) => p.status === 'done' && p.key).map((p) => p.key!),
      pending: photos.some((p) => p.status === 'uploading'),
      failed: photos.some((p) => p.status === 'failed'),
    });
    // onChange is the page's setter; only the photos matter here.
  }, [photos]);

  const startUpload = (id: string) => {
    const file = files.current.get(id);
    if (!file) return;
    setPhotos((ps) => ps.map((p) => (p.id === id ? { ...p, status: 'uploading', error: undefined } : p)));
    uploadPhoto(file, api.uploads.slotAsStaff).then(
      (key) => setPhotos((ps) => ps.map((p) => (p.id === id ? { ...p, status: 'done', key } : p))),
      (err: unknown) => setPhotos((ps) => ps.map((p) => (p.id === id ? { ...p, status: 'failed', error: toApiError(err).message } : p))),
    );
  };

  const add = async () => {
    const room = MAX_PHOTOS - photos.length;
    if (room <= 0) return;
    const { photos: chosen, problems } = await choosePhotos(room);
    setProblem(problems.join('；'));
    if (problems.length) void Taro.showToast({ title: problems[0]!, icon: 'none', duration: 3000 });
    const added: PickedPhoto[] = chosen.map((c) => {
      const id = photoId();
      files.current.set(id, c);
      return { id, preview: c.preview, size: c.size, type: c.type, status: 'uploading' };
    });
    setPhotos((ps) => [...ps, ...added].slice(0, MAX_PHOTOS));
    for (const p of added) startUpload(p.id);
  };

  const remove = (id: string) => {
    files.current.delete(id);
    setPhotos((ps) => ps.filter((p) => p.id !== id));
  };

  return (
    <View className='resolve-photos' id='resolve-photos'>
      <Text className='field__label'>办理后的照片（选填，群众可见，最多{MAX_PHOTOS}张）</Text>
      <PhotoPicker photos={photos} max={MAX_PHOTOS} onAdd={() => void add()} onRemove={remove} onRetry={startUpload} />
      <FieldError id='photos-error' message={problem} />
    </View>
  );
}
