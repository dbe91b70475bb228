import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { MAX_PHOTOS } from '@mashang/shared/photos';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { FieldError } from '../../components/Status.tsx';
import { photoSummary } from '../../lib/photo-picker.ts';
import { usePhotoPicker } from '../../lib/usePhotoPicker.ts';
import * as api from '../../services/api.ts';

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
  const picker = usePhotoPicker({ requestSlot: api.uploads.slotAsStaff });
  const { photos, problem } = picker;

  useEffect(() => {
    onChange(photoSummary(photos));
    // onChange is the page's setter; only the photos matter here.
  }, [photos]);

  return (
    <View className='resolve-photos' id='resolve-photos'>
      <Text className='field__label'>办理后的照片（选填，群众可见，最多{MAX_PHOTOS}张）</Text>
      <PhotoPicker photos={photos} max={MAX_PHOTOS} onAdd={() => void picker.add()} onRemove={picker.remove} onRetry={picker.retry} />
      <FieldError id='photos-error' message={problem} />
    </View>
  );
}
