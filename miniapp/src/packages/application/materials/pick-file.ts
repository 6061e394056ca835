import Taro from '@tarojs/taro';
import type { MaterialFileKind } from '@ycta/shared/domain/materials';

const h5Accept: Record<MaterialFileKind, string> = { image: 'image/*', pdf: 'application/pdf,.pdf' };

/** h5: a file input that offers photos and PDFs (Taro's chooseImage offers images only). */
function pickInBrowser(kinds: readonly MaterialFileKind[]): Promise<string | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = kinds.map((k) => h5Accept[k]).join(',');
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? URL.createObjectURL(file) : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * One file for a material, as a path `api.upload` can send: PDFs come from a chat file on WeChat (the only place a
 * mini-program can read documents), photos from the album or camera. The BFF checks the type from the bytes anyway.
 */
export async function pickMaterialFile(kinds: readonly MaterialFileKind[]): Promise<string | null> {
  try {
    if (process.env.TARO_ENV === 'h5') return await pickInBrowser(kinds);
    if (kinds.includes('pdf')) {
      const chosen = await Taro.chooseMessageFile({ count: 1, type: kinds.includes('image') ? 'all' : 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
      return chosen.tempFiles[0]?.path ?? null;
    }
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['original'], sourceType: ['album', 'camera'] });
    return chosen.tempFilePaths[0] ?? null;
  } catch {
    // cancelled
    return null;
  }
}
