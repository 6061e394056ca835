import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { ApiError } from '../../../api/api-error';
import type { CallParticipant, CallState, InspectionCall, PeerInfo } from '../../../rtc';
import { inspectorRoutes } from '../inspector.routes';

export interface OpenedCall {
  call: InspectionCall;
  /**
   * Local mode: the recording host's browser records the call, following who is in it (`update` on every change of
   * participants); null in agora mode (the BFF drives cloud recording) and for a host who leaves it to another.
   */
  startRecording(participants: CallParticipant[]): CallRecorder | null;
}
export type OpenCall = (inspectionId: string) => Promise<OpenedCall>;
export interface CallRecorder {
  update(participants: CallParticipant[]): void;
  stop(): Promise<void>;
}

/** Where this page sends an inspection's recording chunks (also what the backlog shown on the page reads). */
export const recordingUploads = (inspectionId: string) => ({
  apiBase: process.env.TARO_APP_API_BASE || '/api', inspectionId, accessToken: () => api.sessions.load()?.accessToken ?? '',
});

/** Joins through the BFF and opens the call with the RTC module (loaded only here, h5 only). */
export const openInspectorCall: OpenCall = async (id) => {
  const rtc = await import('../../../rtc');
  const answer = await api.call(inspectorRoutes.join, { params: { id } });
  const call = await rtc.openInspectionCall(answer, {
    inspectionId: id,
    camera: 'face',
    join: () => api.call(inspectorRoutes.join, { params: { id } }),
    renewToken: () => api.call(inspectorRoutes.renewToken, { params: { id } }),
  });
  return {
    call,
    startRecording(participants) {
      // agora: the BFF records in the cloud; local: only the host who claimed the recording (one copy per call)
      if (answer.mode !== 'local' || !answer.records) return null;
      const streamsOf = (list: CallParticipant[]) => [call.localStream, ...list.map((p) => p.stream)].filter((s): s is MediaStream => s !== null);
      const mixed = rtc.mixCall(streamsOf(participants));
      const recording = rtc.recordCall(mixed.stream, rtc.tusRecordingUploader(recordingUploads(id)));
      return {
        update: (list) => mixed.setStreams(streamsOf(list)),
        stop: async () => { await recording.stop(); mixed.stop(); },
      };
    },
  };
};

export interface InspectorCallView {
  state: CallState | 'failed' | 'idle';
  participants: CallParticipant[];
  waiting: PeerInfo[];
  localStream: MediaStream | null;
  /** Who muted their microphone. */
  mutedPeers: string[];
  recording: boolean;
  problem: string;
  call: InspectionCall | null;
  /** Stop recording and leave (after the conclusion). */
  end(): Promise<void>;
}

/**
 * The inspector's side of the call. The RTC module reconnects by itself (state `reconnecting`); judgments are saved
 * to the BFF as they are made, so nothing of the checklist lives only in this page.
 */
export function useInspectorCall(inspectionId: string, open: OpenCall, enabled: boolean): InspectorCallView {
  const [view, setView] = useState<Omit<InspectorCallView, 'end'>>({ state: 'idle', participants: [], waiting: [], localStream: null, mutedPeers: [], recording: false, problem: '', call: null });
  const recording = useRef<CallRecorder | null>(null);
  const opened = useRef<OpenedCall | null>(null);

  useEffect(() => {
    if (!enabled) return undefined;
    let left = false;
    const patch = (change: Partial<InspectorCallView>) => setView((v) => ({ ...v, ...change }));
    patch({ state: 'connecting' });
    open(inspectionId).then((o) => {
      if (left) { void o.call.leave(); return; }
      opened.current = o;
      let participants: CallParticipant[] = [];
      patch({ call: o.call, localStream: o.call.localStream });
      o.call.on('participants', (list) => {
        participants = list;
        patch({ participants: list });
        recording.current?.update(list);
      });
      o.call.on('waiting', (waiting) => patch({ waiting }));
      o.call.on('peer-media', ({ from, audioMuted }) => setView((v) => ({ ...v, mutedPeers: audioMuted ? [...v.mutedPeers, from] : v.mutedPeers.filter((u) => u !== from) })));
      o.call.on('error', (err) => patch({ problem: err instanceof ApiError ? err.message : `连接出现问题：${err.message}` }));
      o.call.on('state', (state) => {
        patch({ state });
        if (state === 'in-call' && !recording.current) {
          recording.current = o.startRecording(participants);
          patch({ recording: recording.current !== null });
        }
      });
    }, (err: unknown) => patch({ state: 'failed', problem: err instanceof ApiError ? err.message : `无法打开摄像头或连接视频：${err instanceof Error ? err.message : String(err)}` }));
    return () => {
      left = true;
      void recording.current?.stop();
      void opened.current?.call.leave();
    };
  }, [inspectionId, open, enabled]);

  const end = async () => {
    // taken before awaiting: the conclusion re-renders with the call disabled, and that cleanup must not stop it twice
    const stopping = recording.current;
    recording.current = null;
    await stopping?.stop();
    await opened.current?.call.leave();
    setView((v) => ({ ...v, recording: false, state: 'ended' }));
  };
  return { ...view, end };
}
