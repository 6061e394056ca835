import Taro from '@tarojs/taro';
import { api } from '../../api';
import { letterPath } from './presite.routes';

const apiBase = process.env.TARO_APP_API_BASE || '/api';

/**
 * The advice letter needs the bearer token, so it is fetched with it: on h5 saved through a blob link, in WeChat
 * downloaded to a temporary file and opened with the system's document viewer.
 */
export async function openLetter(id: string): Promise<void> {
  const token = api.sessions.load()?.accessToken;
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(`${apiBase}${letterPath(id)}`, { headers });
    if (!res.ok) throw new Error(`意见书下载失败（HTTP ${res.status}），请稍后重试`);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `预选址意见书-${id.slice(-6)}.pdf`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const file = await Taro.downloadFile({ url: `${apiBase}${letterPath(id)}`, header: headers });
  if (file.statusCode !== 200) throw new Error(`意见书下载失败（HTTP ${file.statusCode}），请稍后重试`);
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' });
}
