import { useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { UploadRequest, UploadTicket } from '@mashang/shared/contracts/resident';
import { MAX_PHOTOS } from '@mashang/shared/photos';
import { toApiError } from '../services/api.ts';
import { photoPickerActions, photoSummary, type PhotoPickerActions, type PhotoSummary } from './photo-picker.ts';
import type { PickedPhoto } from './photos.ts';
import { choosePhotos, photoId, uploadPhoto, type LocalPhoto } from './upload.ts';

export interface PhotoPickerOptions {
  /** Who asks for the upload slot: the resident (default) or a staff session. */
  requestSlot?: (req: UploadRequest) => Promise<UploadTicket>;
  /** Where a pick's problems are shown besides `problem` (e.g. the form's field errors); '' clears it. */
  onProblem?: (message: string) => void;
}

export interface PhotoPicker extends PhotoPickerActions, PhotoSummary {
  photos: PickedPhoto[];
  /** What was wrong with the files refused at the last pick ('' when nothing was). */
  problem: string;
}

/**
 * Photos picked from the camera or album, checked by their first bytes the moment they are
 * picked and uploaded straight to storage (lib/upload.ts), up to MAX_PHOTOS: the resident's
 * form and the staff's 办结反馈 photos. A refused file is said at once (toast and `problem`).
 */
export function usePhotoPicker(options: PhotoPickerOptions = {}): PhotoPicker {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [problem, setProblem] = useState('');
  const files = useRef(new Map<string, LocalPhoto>());
  const latest = useRef({ photos, options });
  latest.current = { photos, options };

  const actions = useMemo(
    () =>
      photoPickerActions<LocalPhoto>({
        current: () => latest.current.photos,
        update: setPhotos,
        files: files.current,
        choose: choosePhotos,
        upload: (file) => uploadPhoto(file, latest.current.options.requestSlot),
        errorMessage: (err) => toApiError(err).message,
        onProblems: (problems) => {
          const message = problems.join('；');
          setProblem(message);
          latest.current.options.onProblem?.(message);
          if (problems.length) void Taro.showToast({ title: problems[0]!, icon: 'none', duration: 3000 });
        },
        newId: photoId,
        max: MAX_PHOTOS,
      }),
    [],
  );

  return { photos, problem, ...photoSummary(photos), ...actions };
}
