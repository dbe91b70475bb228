import type { PickedPhoto } from './photos.ts';

/**
 * The photo picker's logic, shared by the resident's form and the staff's 办结反馈 photos
 * (through `usePhotoPicker`): choose, check, upload each photo the moment it is picked,
 * retry a failed one, remove one. Free of React and Taro (what it calls is passed in), so
 * its behaviour is unit-tested.
 */

/** What a chosen file must tell the list (the rest, e.g. an H5 blob, stays with the file). */
export interface ChosenFile {
  preview: string;
  size: PickedPhoto['size'];
  type: PickedPhoto['type'];
}

export interface PhotoPickerDeps<F extends ChosenFile> {
  /** The photos shown now (as of the last render). */
  current: () => readonly PickedPhoto[];
  /** Applies a change to the list (React's functional `setState`). */
  update: (change: (photos: PickedPhoto[]) => PickedPhoto[]) => void;
  /** The files behind the thumbnails, by photo id, kept for a retry. */
  files: Map<string, F>;
  /** The camera or album: up to `room` files, and what was wrong with the ones refused. */
  choose: (room: number, camera: boolean) => Promise<{ photos: F[]; problems: string[] }>;
  /** Uploads one file; resolves with its storage key. */
  upload: (file: F) => Promise<string>;
  /** The message shown on a photo whose upload failed. */
  errorMessage: (err: unknown) => string;
  /** Called after every pick with what was wrong with the refused files ([] when nothing was). */
  onProblems: (problems: string[]) => void;
  newId: () => string;
  max: number;
}

/** The storage keys of the uploaded photos, and whether one is still uploading or has failed. */
export interface PhotoSummary {
  keys: string[];
  pending: boolean;
  failed: boolean;
}

export function photoSummary(photos: readonly PickedPhoto[]): PhotoSummary {
  return {
    keys: photos.filter((p) => p.status === 'done' && p.key).map((p) => p.key!),
    pending: photos.some((p) => p.status === 'uploading'),
    failed: photos.some((p) => p.status === 'failed'),
  };
}

export interface PhotoPickerActions {
  /** Opens the chooser (straight to the camera when `camera`) for the room left; uploads what was chosen. */
  add: (camera?: boolean) => Promise<void>;
  /** Uploads a photo again (a failed one). */
  retry: (id: string) => void;
  remove: (id: string) => void;
  /** Forgets every photo (a new form). */
  clear: () => void;
}

const setStatus = (id: string, patch: Partial<PickedPhoto>) => (ps: PickedPhoto[]) => ps.map((p) => (p.id === id ? { ...p, ...patch } : p));

export function photoPickerActions<F extends ChosenFile>(deps: PhotoPickerDeps<F>): PhotoPickerActions {
  const retry = (id: string) => {
    const file = deps.files.get(id);
    if (!file) return;
    deps.update(setStatus(id, { status: 'uploading', error: undefined }));
    deps.upload(file).then(
      (key) => deps.update(setStatus(id, { status: 'done', key })),
      (err: unknown) => deps.update(setStatus(id, { status: 'failed', error: deps.errorMessage(err) })),
    );
  };

  const add = async (camera = false) => {
    const room = deps.max - deps.current().length;
    if (room <= 0) return;
    const { photos: chosen, problems } = await deps.choose(room, camera);
    deps.onProblems(problems);
    const added: PickedPhoto[] = chosen.map((c) => {
      const id = deps.newId();
      deps.files.set(id, c);
      return { id, preview: c.preview, size: c.size, type: c.type, status: 'uploading' };
    });
    deps.update((ps) => [...ps, ...added].slice(0, deps.max));
    for (const p of added) retry(p.id);
  };

  const remove = (id: string) => {
    deps.files.delete(id);
    deps.update((ps) => ps.filter((p) => p.id !== id));
  };

  const clear = () => {
    deps.files.clear();
    deps.update(() => []);
  };

  return { add, retry, remove, clear };
}
