import { act, render, screen } from '@testing-library/react';
import type { UploadStatus } from '../../../rtc/recorder';
import { RecordingBacklog, type WatchBacklog } from './recording-backlog';

/** The device's upload queue as the uploader reports it, driven by the test. */
function queue() {
  let report: (s: UploadStatus) => void = () => undefined;
  const watch: WatchBacklog = (_id, onStatus) => { report = onStatus; return () => { report = () => undefined; }; };
  return { watch, report: (s: UploadStatus) => act(() => report(s)) };
}

describe('the recording backlog in the room', () => {
  it('when chunks wait on the device and the network is down, then it says how many and that it retries; when all are sent, then it goes quiet', () => {
    const q = queue();
    render(<RecordingBacklog inspectionId='i1' watch={q.watch} />);
    q.report({ pending: 3, refused: 0, problem: '录像上传暂时失败，将自动重试：Failed to fetch', refusal: null });
    expect(screen.getByRole('status').textContent).toContain('录像上传中：还有 3 段');
    expect(screen.getByText(/将自动重试/)).toBeTruthy();
    q.report({ pending: 0, refused: 0, problem: null, refusal: null });
    expect(screen.queryByText(/录像上传中/)).toBeNull();
  });

  it('when the inspection is concluded with chunks still waiting, then it asks to keep the page open, and confirms when all are sent', () => {
    const q = queue();
    render(<RecordingBacklog inspectionId='i1' concluded watch={q.watch} />);
    q.report({ pending: 1, refused: 0, problem: null, refusal: null });
    expect(screen.getByRole('status').textContent).toContain('录像上传中：还有 1 段（请保持本页打开');
    q.report({ pending: 0, refused: 0, problem: null, refusal: null });
    expect(screen.getByRole('status').textContent).toBe('本机录像已全部上传');
  });

  it('when the server refused a chunk for good, then it says so with the reason', () => {
    const q = queue();
    render(<RecordingBacklog inspectionId='i1' watch={q.watch} />);
    q.report({ pending: 0, refused: 1, problem: null, refusal: '踏勘已作出结论且超过补传期限，录像分段不再接收' });
    expect(screen.getByText(/1 段录像未被接收：踏勘已作出结论且超过补传期限/)).toBeTruthy();
  });
});
