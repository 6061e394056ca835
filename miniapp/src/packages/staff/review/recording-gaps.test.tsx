import { render, screen } from '@testing-library/react';
import type { RecordEvent } from '@ycta/shared/contracts/ledger.contract';
import { RecordingGaps, recordingStates } from './recording-gaps';

const startedAt = '2026-11-28T02:00:00.000Z';
const at = (s: number) => new Date(Date.parse(startedAt) + s * 1000).toISOString();
let seq = 0;
const event = (type: RecordEvent['type'], payload: Record<string, unknown>): RecordEvent => ({
  id: `i:${seq}`, inspectionId: 'i', seq: seq++, type, actor: { id: 'u', role: 'inspector' }, at: at(seq), payload, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
} as RecordEvent);
const chunk = (i: number, extra: Record<string, unknown> = {}) => event('recording.chunk.stored', {
  mediaId: `m${i}`, chunkIndex: i, startedAt, recordedFrom: at(i * 5), recordedTo: at(i * 5 + 5), recordingKind: 'recording', ...extra,
});

describe('what the review desk says about a recording', () => {
  it.each([
    ['every chunk and the completion', [chunk(0), chunk(1), chunk(2, { lastChunk: true }), event('recording.completed', { startedAt, chunks: 3 })], { complete: true, gaps: [], ended: true }],
    ['chunks 1–2 missing of 0–3', [chunk(0), chunk(3, { lastChunk: true })], { complete: false, gaps: [{ fromIndex: 1, toIndex: 2, from: at(5), to: at(15) }], ended: true }],
    ['the first chunk missing', [chunk(1)], { complete: false, gaps: [{ fromIndex: 0, toIndex: 0, from: startedAt, to: at(5) }], ended: false }],
  ])('when the record holds %s, then it reads so', (_name, events, expected) => {
    expect(recordingStates(events)[0]).toMatchObject(expected);
  });

  it('when a chunk in the middle never arrived, then the gap is shown with its time range (Beijing time), not hidden in a shorter video', () => {
    render(<RecordingGaps events={[chunk(0), chunk(2, { lastChunk: true })]} />);
    expect(screen.getByRole('alert').textContent).toBe('录像缺失：第 2 段，10:00:05–10:00:10，约 5 秒（这段时间的画面未能保存）');
    expect(screen.queryByText(/录像未正常结束/)).toBeNull();
  });

  it('when the recording is whole, then it says so', () => {
    render(<RecordingGaps events={[chunk(0), chunk(1, { lastChunk: true }), event('recording.completed', { startedAt, chunks: 2 })]} />);
    expect(screen.getByText('录像完整：共 2 段，无缺失')).toBeTruthy();
  });
});
