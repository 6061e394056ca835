import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { inspection, photo } from '../../../../test/fixtures';
import { deferred, errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { PrepareView } from './prepare.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const base = `/inspections/${inspection.id}`;

function photoFile(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ycta-photo-')), name);
  writeFileSync(path, randomBytes(256 * 1024));
  return path;
}

const field = (body: string, name: string) => body.match(new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`))?.[1];
const fileName = (body: string) => body.match(/filename="([^"]+)"/)?.[1];

describe('before the call: photos per checklist point', () => {
  it('when loaded, then each point shows what it needs and how each photo was judged', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: inspection });
    app.bff.on('GET', `${base}/photos`, {
      status: 200,
      body: { items: [photo('p1', 'fire-exit'), photo('p2', 'fire-exit', { stale: true, far: true }, 2350.4)] },
    });
    render(<PrepareView inspectionId={inspection.id} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('1. 安全出口')).toBeTruthy();
    expect(screen.getByText('拍摄安全出口及疏散指示标志，标志应清晰可见')).toBeTruthy();
    expect(screen.getByText('照片 1：已接收')).toBeTruthy();
    expect(screen.getByText('照片 2：拍摄时间早于本次踏勘开始；距经营场所 2350 米，超过 500 米；请到经营场所现场重新拍摄；如确实在场所内拍摄，可在视频踏勘时向踏勘人员说明；请现场重新拍摄一张')).toBeTruthy();
    expect(screen.getByText('2. 营业面积')).toBeTruthy();
  });

  it('when uploading, then progress shows; a failed photo is retried alone and the uploaded one is kept', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: inspection });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    const firstAnswer = deferred();
    let hallAttempts = 0;
    app.bff.on('POST', `${base}/photos`, (req) => {
      const name = fileName(req.body);
      if (name === 'hall.jpg' && ++hallAttempts === 1) return errorReply(500, 'MEDIA.STORE_FAILED', '照片保存失败，请重新上传');
      return { status: 201, body: photo(name === 'hall.jpg' ? 'p-hall' : 'p-door', field(req.body, 'checklistItemId')!), hold: name === 'door.jpg' ? firstAnswer.promise : undefined };
    });
    platform.chosenFiles = [photoFile('door.jpg'), photoFile('hall.jpg')];
    platform.location = { latitude: 20.0501, longitude: 110.3202 };

    const seenPercents = new Set<string>();
    const { container } = render(<PrepareView inspectionId={inspection.id} />);
    await screen.findByText('2. 营业面积');
    new MutationObserver(() => container.querySelectorAll('.progress__text').forEach((t) => seenPercents.add(t.textContent ?? '')))
      .observe(container, { subtree: true, childList: true, characterData: true });
    const areaPoint = screen.getByText('2. 营业面积').closest('.prepare__point') as HTMLElement;
    fireEvent.click(within(areaPoint).getByText('拍照或选择照片'));

    // door.jpg is sent and its answer held: the bar is on screen, hall.jpg waits its turn
    await waitFor(() => expect(within(areaPoint).getByText('100%')).toBeTruthy());
    expect(within(areaPoint).getByText('等待上传…')).toBeTruthy();
    expect([...seenPercents].some((p) => p !== '0%' && p !== '100%')).toBe(true);
    firstAnswer.release();

    expect(await within(areaPoint).findByText('上传失败：照片保存失败，请重新上传')).toBeTruthy();
    expect(within(areaPoint).getByText('照片 1：已接收')).toBeTruthy();
    fireEvent.click(within(areaPoint).getByText('重新上传'));
    expect(await within(areaPoint).findByText('照片 2：已接收')).toBeTruthy();
    expect(within(areaPoint).queryByText(/上传失败/)).toBeNull();

    const posts = app.bff.seen.filter((r) => r.method === 'POST');
    expect(posts.map((r) => fileName(r.body))).toEqual(['door.jpg', 'hall.jpg', 'hall.jpg']);
    expect(field(posts[0]!.body, 'checklistItemId')).toBe('floor-area');
    expect(field(posts[0]!.body, 'lat')).toBe('20.0501');
    expect(field(posts[0]!.body, 'lng')).toBe('110.3202');
    expect(field(posts[0]!.body, 'accuracy')).toBe('10');
    expect(Date.parse(field(posts[0]!.body, 'capturedAt')!)).not.toBeNaN();
    expect(posts[0]!.headers.authorization).toBe('Bearer access-1');
  });

  it('when location is refused, then photos still go, without a place, and the applicant is told', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: inspection });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    app.bff.on('POST', `${base}/photos`, { status: 201, body: photo('p1', 'fire-exit', { stale: false, far: false }, null) });
    platform.chosenFiles = [photoFile('door.jpg')];
    platform.location = null;
    render(<PrepareView inspectionId={inspection.id} />);
    fireEvent.click((await screen.findAllByText('拍照或选择照片'))[0]!);
    expect(await screen.findByText('未获取到位置，照片将不带拍摄地点上传。可在设置中允许使用位置信息。')).toBeTruthy();
    expect(await screen.findByText('照片 1：已接收')).toBeTruthy();
    const post = app.bff.seen.find((r) => r.method === 'POST')!;
    expect(field(post.body, 'lat')).toBeUndefined();
  });

  it('when a file that is not a photo is picked, then it is not sent and the applicant is told why', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: inspection });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    platform.chosenFiles = [photoFile('notes.txt')];
    render(<PrepareView inspectionId={inspection.id} />);
    fireEvent.click((await screen.findAllByText('拍照或选择照片'))[0]!);
    expect(await screen.findByText('有 1 个文件不是照片，未上传：只能上传 JPG、PNG 或 HEIC 格式的照片。')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when the inspection cannot be loaded, then the BFF\'s message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, errorReply(404, 'INSPECTION.NOT_FOUND', '踏勘不存在'));
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    render(<PrepareView inspectionId={inspection.id} />);
    expect(await screen.findByText('踏勘不存在')).toBeTruthy();
  });
});
