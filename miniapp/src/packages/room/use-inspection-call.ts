import { useEffect, useRef, useState } from 'react';
import { api, roomPassApi } from '../../api';
import type { ApiClient } from '../../api/client';
import { ApiError, messageOf } from '../../api/api-error';
import { routes } from '../../api/routes';
import type { RoomEntry } from '../../call/room-link';
import type { CallParticipant, CallState, InspectionCall } from '../../rtc';

export interface CallView {
  state: CallState | 'failed';
  participants: CallParticipant[];
  localStream: MediaStream | null;
  problem: string;
  /** The last still the inspector asked for: its upload status. */
  still: 'taking' | 'uploaded' | 'failed' | null;
  call: InspectionCall | null;
}

/**
 * The signed-in session's client; without a session (the mini-program's WebView, a phone browser opened from the
 * call link) one carrying the join answer's room pass, which may rejoin, renew and upload stills for this call only.
 */
export function roomApi(entry: RoomEntry): ApiClient {
  return api.sessions.load() || !entry.join.roomPass ? api : roomPassApi(entry.join.roomPass.token);
}

/**
 * Opens the call with the credentials handed over by the join page (or the link), and answers the
 * inspector's still requests: a full-resolution photo from this camera, uploaded through the photo route.
 * Reconnecting needs fresh credentials from the BFF: through the session, or the room pass where there is none.
 */
export function useInspectionCall(entry: RoomEntry): CallView {
  const [view, setView] = useState<CallView>({ state: 'connecting', participants: [], localStream: null, problem: '', still: null, call: null });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const patch = (change: Partial<CallView>) => setView((v) => ({ ...v, ...change }));
    const id = entry.inspectionId;
    let call: InspectionCall | null = null;

    void (async () => {
      try {
        // The RTC module (and agora-rtc-sdk-ng inside it) loads only here, on h5.
        const { openInspectionCall } = await import('../../rtc');
        call = await openInspectionCall(entry.join, {
          inspectionId: id,
          video: !entry.audioOnly,
          join: () => roomApi(entry).call(routes.join, { params: { id } }),
          renewToken: () => roomApi(entry).call(routes.renewToken, { params: { id } }),
        });
        patch({ call, localStream: call.localStream });
        call.on('state', (state) => patch({ state }));
        call.on('participants', (participants) => patch({ participants }));
        call.on('error', (err) => patch({ problem: err instanceof ApiError ? err.message : '连接出现问题，请检查网络' }));
        call.on('still-request', async ({ stillRequestId, checklistItemId }) => {
          patch({ still: 'taking' });
          try {
            const blob = await call!.captureStill();
            await roomApi(entry).upload(routes.uploadPhoto, { id }, {
              filePath: URL.createObjectURL(blob),
              formData: { stillRequestId, capturedAt: new Date().toISOString(), ...(checklistItemId ? { checklistItemId } : {}) },
            });
            patch({ still: 'uploaded' });
          } catch {
            patch({ still: 'failed' });
          }
        });
      } catch (err) {
        patch({ state: 'failed', problem: err instanceof ApiError ? err.message : `无法打开摄像头或连接视频：${messageOf(err)}` });
      }
    })();

    return () => { void call?.leave(); };
  }, [entry]);

  return view;
}
