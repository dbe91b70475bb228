import { describe, expect, it } from 'vitest';
import { photoPickerActions, photoSummary, type ChosenFile } from './photo-picker.ts';
import type { PickedPhoto } from './photos.ts';

interface File extends ChosenFile {
  name: string;
}

const file = (name: string): File => ({ name, preview: `blob:${name}`, size: 1000, type: 'image/jpeg' });

/** A deferred upload: the test decides when and how it ends. */
function deferred() {
  let resolve!: (key: string) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** The picker over a plain list standing in for React state, with a scripted chooser and uploads. */
function setup(opts: { max?: number; picks?: { photos: File[]; problems: string[] }[] } = {}) {
  let photos: PickedPhoto[] = [];
  const files = new Map<string, File>();
  const uploads: { file: File; d: ReturnType<typeof deferred> }[] = [];
  const rooms: [number, boolean][] = [];
  const problems: string[][] = [];
  const picks = [...(opts.picks ?? [])];
  let n = 0;
  const actions = photoPickerActions<File>({
    current: () => photos,
    update: (change) => {
      photos = change(photos);
    },
    files,
    choose: async (room, camera) => {
      rooms.push([room, camera]);
      return picks.shift() ?? { photos: [], problems: [] };
    },
    upload: (f) => {
      const d = deferred();
      uploads.push({ file: f, d });
      return d.promise;
    },
    errorMessage: (err) => `失败：${String(err)}`,
    onProblems: (p) => problems.push(p),
    newId: () => `p${++n}`,
    max: opts.max ?? 3,
  });
  return { actions, files, uploads, rooms, problems, photos: () => photos };
}

describe('photo picker', () => {
  it('uploads each chosen photo at once and keeps its key when the upload succeeds', async () => {
    const t = setup({ picks: [{ photos: [file('a'), file('b')], problems: [] }] });
    await t.actions.add();
    expect(t.rooms).toEqual([[3, false]]);
    expect(t.photos().map((p) => [p.id, p.preview, p.status])).toEqual([
      ['p1', 'blob:a', 'uploading'],
      ['p2', 'blob:b', 'uploading'],
    ]);
    expect(t.uploads.map((u) => u.file.name)).toEqual(['a', 'b']);
    expect(photoSummary(t.photos())).toEqual({ keys: [], pending: true, failed: false });

    t.uploads[0]!.d.resolve('photos/a.jpg');
    await settle();
    expect(photoSummary(t.photos())).toEqual({ keys: ['photos/a.jpg'], pending: true, failed: false });
    t.uploads[1]!.d.resolve('photos/b.jpg');
    await settle();
    expect(photoSummary(t.photos())).toEqual({ keys: ['photos/a.jpg', 'photos/b.jpg'], pending: false, failed: false });
  });

  it('marks a failed upload with its message and uploads the same file again on retry', async () => {
    const t = setup({ picks: [{ photos: [file('a')], problems: [] }] });
    await t.actions.add();
    t.uploads[0]!.d.reject('网络');
    await settle();
    expect(t.photos()[0]).toMatchObject({ status: 'failed', error: '失败：网络' });
    expect(photoSummary(t.photos())).toEqual({ keys: [], pending: false, failed: true });

    t.actions.retry('p1');
    expect(t.photos()[0]).toMatchObject({ status: 'uploading', error: undefined });
    expect(t.uploads[1]!.file).toBe(t.uploads[0]!.file);
    t.uploads[1]!.d.resolve('photos/a.jpg');
    await settle();
    expect(t.photos()[0]).toMatchObject({ status: 'done', key: 'photos/a.jpg' });
  });

  it('reports what was refused at every pick, and [] when nothing was', async () => {
    const t = setup({ picks: [{ photos: [file('a')], problems: ['“x.jpg”不是照片文件'] }, { photos: [], problems: [] }] });
    await t.actions.add();
    await t.actions.add(true);
    expect(t.problems).toEqual([['“x.jpg”不是照片文件'], []]);
    expect(t.rooms).toEqual([
      [3, false],
      [2, true],
    ]);
  });

  it('asks only for the room left and never opens the chooser when full', async () => {
    const t = setup({ max: 2, picks: [{ photos: [file('a'), file('b')], problems: [] }] });
    await t.actions.add();
    await t.actions.add();
    expect(t.rooms).toEqual([[2, false]]);
    expect(t.photos()).toHaveLength(2);
  });

  it('removes a photo and its file; a retry of a removed photo does nothing', async () => {
    const t = setup({ picks: [{ photos: [file('a'), file('b')], problems: [] }] });
    await t.actions.add();
    t.actions.remove('p1');
    expect(t.photos().map((p) => p.id)).toEqual(['p2']);
    expect([...t.files.keys()]).toEqual(['p2']);
    t.actions.retry('p1');
    expect(t.uploads).toHaveLength(2);
  });

  it('clear forgets every photo and file', async () => {
    const t = setup({ picks: [{ photos: [file('a')], problems: [] }] });
    await t.actions.add();
    t.actions.clear();
    expect(t.photos()).toEqual([]);
    expect(t.files.size).toBe(0);
  });
});
