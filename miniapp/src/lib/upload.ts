import Taro from '@tarojs/taro';
import type { UploadRequest, UploadTicket } from '@mashang/shared/contracts/resident';
import type { PhotoType } from '@mashang/shared/photos';
import * as api from '../services/api.ts';
import { ApiError } from '../services/api.ts';
import { SNIFF_BYTES } from '@mashang/shared/photos';
import { ensurePrivacy } from './privacy-runtime.ts';
import { fitWithin, needsCompression, photoProblem, photoTypeOf, sniffPicked } from './photos.ts';

/**
 * Photos from the phone to storage: choose (camera or album), shrink on H5 when
 * needed, ask the backend for a presigned POST, upload straight to storage.
 * The file never passes through our API.
 */

/** A chosen file ready to upload. */
export interface LocalPhoto {
  preview: string;
  size: number;
  type: PhotoType;
  /** H5: the bytes; weapp: undefined (uploaded from `preview`, a temp path). */
  blob?: Blob;
}

let seq = 0;
/** A local id for a picked photo. */
export const photoId = (): string => `ph${Date.now().toString(36)}${(seq++).toString(36)}`;

/** H5: opens the browser's file chooser (camera or album on a phone). Resolves with what was chosen, [] when cancelled. */
function chooseFilesH5(max: number, camera = false): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = max > 1 && !camera;
    // Straight to the phone's camera for the urgent report.
    if (camera) input.setAttribute('capture', 'environment');
    input.id = 'photo-file-input';
    input.style.display = 'none';
    document.body.appendChild(input);
    const done = (files: File[]) => {
      input.remove();
      resolve(files.slice(0, max));
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    input.click();
  });
}

/** H5: re-encodes a photo as a JPEG no larger than 1600 px on its longest side. */
async function shrinkH5(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.85));
}

/**
 * Lets the resident choose up to `max` photos. Photos that cannot be used are
 * reported in `problems` (Chinese) rather than silently dropped.
 */
export async function choosePhotos(max: number, camera = false): Promise<{ photos: LocalPhoto[]; problems: string[] }> {
  const photos: LocalPhoto[] = [];
  const problems: string[] = [];
  if (process.env.TARO_ENV === 'h5') {
    for (const file of await chooseFilesH5(max, camera)) {
      // The real format from the first bytes, not the name: say at once when it is no photo.
      const sniffed = sniffPicked(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()), file.name);
      if ('problem' in sniffed) {
        problems.push(sniffed.problem);
        continue;
      }
      let type: PhotoType | undefined = sniffed.type;
      let blob: Blob = file;
      if (needsCompression(file.size, type)) {
        try {
          blob = await shrinkH5(file);
          type = 'image/jpeg';
        } catch {
          problems.push(`无法读取照片“${file.name}”，请换一张`);
          continue;
        }
      }
      const problem = photoProblem(blob.size, type);
      if (problem) problems.push(problem);
      else photos.push({ preview: URL.createObjectURL(blob), size: blob.size, type: type!, blob });
    }
    return { photos, problems };
  }
  // WeChat's privacy check: the camera and album wait for the resident's agreement (PrivacyPopup).
  if (!(await ensurePrivacy())) return { photos, problems: ['未同意隐私保护指引，暂时不能拍照或选照片；不带照片也可以反映'] };
  let res: Taro.chooseMedia.SuccessCallbackResult;
  try {
    res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: camera ? ['camera'] : ['album', 'camera'], sizeType: ['compressed'] });
  } catch {
    return { photos, problems }; // cancelled
  }
  for (const f of res.tempFiles) {
    let type = photoTypeOf(undefined, f.tempFilePath);
    const head = readHeadWeapp(f.tempFilePath);
    if (head) {
      const sniffed = sniffPicked(head, '所选文件');
      if ('problem' in sniffed) {
        problems.push(sniffed.problem);
        continue;
      }
      type = sniffed.type;
    }
    const problem = photoProblem(f.size, type);
    if (problem) problems.push(problem);
    else photos.push({ preview: f.tempFilePath, size: f.size, type: type! });
  }
  return { photos, problems };
}

/** weapp: the first bytes of a temp file (undefined where the base library cannot read a range). */
function readHeadWeapp(path: string): Uint8Array | undefined {
  try {
    const data = Taro.getFileSystemManager().readFileSync(path, undefined, 0, SNIFF_BYTES) as ArrayBuffer;
    return new Uint8Array(data);
  } catch {
    return undefined;
  }
}

async function postToStorage(slot: UploadTicket, photo: LocalPhoto): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
    form.append('file', photo.blob!, `photo.${photo.type.split('/')[1]}`); // the file goes last: S3 ignores fields after it
    let res: Response;
    try {
      res = await fetch(slot.url, { method: 'POST', body: form });
    } catch {
      throw new ApiError(0, 'NETWORK', '照片上传失败，请检查网络后重试');
    }
    if (!res.ok) throw new ApiError(res.status, 'UPLOAD_FAILED', res.status === 400 ? '照片太大或格式不对，请换一张' : '照片上传失败，请重试');
    return;
  }
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: slot.url, filePath: photo.preview, name: 'file', formData: slot.fields, timeout: 60_000 });
  } catch {
    throw new ApiError(0, 'NETWORK', '照片上传失败，请检查网络后重试');
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw new ApiError(res.statusCode, 'UPLOAD_FAILED', '照片上传失败，请重试');
}

/**
 * Uploads one photo; resolves with its storage key for the request's `photos`. Staff pages
 * pass their own slot request (a staff session), so the photo is the staff member's upload.
 */
export async function uploadPhoto(photo: LocalPhoto, requestSlot: (req: UploadRequest) => Promise<UploadTicket> = api.uploads.slot): Promise<string> {
  const slot = await requestSlot({ contentType: photo.type, size: photo.size });
  await postToStorage(slot, photo);
  return slot.key;
}
