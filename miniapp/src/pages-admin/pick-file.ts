import Taro from '@tarojs/taro';

export interface PickedSheet {
  base64: string;
  format: 'csv' | 'xlsx';
  name: string;
}

function formatOf(name: string): 'csv' | 'xlsx' {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.csv$/i.test(name)) return 'csv';
  throw new Error('只支持 .csv 或 .xlsx 文件');
}

/**
 * A CSV or Excel file chosen by the admin, as base64. H5: the browser's file chooser;
 * mini-program: a file from a WeChat chat (chooseMessageFile).
 */
export async function pickSheet(): Promise<PickedSheet | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx';
    input.id = 'location-import-file';
    input.style.display = 'none';
    document.body.appendChild(input);
    const file = await new Promise<File | undefined>((resolve) => {
      input.addEventListener('change', () => resolve(input.files?.[0]));
      input.click();
    });
    input.remove();
    if (!file) return undefined;
    const format = formatOf(file.name);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary), format, name: file.name };
  }
  const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
  const f = tempFiles[0];
  if (!f) return undefined;
  const format = formatOf(f.name);
  const data = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string;
  return { base64: data, format, name: f.name };
}
