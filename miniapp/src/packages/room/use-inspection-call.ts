import { useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/api-error';
import { routes } from '../../api/routes';
import { signedInUser } from '../../auth/sign-in';
import { roomClient, roomJoiner } from '../../call/room-credentials';
import type { RoomEntry } from '../../call/room-link';
import type { CallParticipant, CallState, FocusPoint, InspectionCall, LiveOpinion } from '../../rtc';

export interface StillPrompt {
  state: 'taking' | 'uploaded' | 'failed';
  /** The point it is for, in words (null: no point named). */
  title: string | null;
}

export interface CallView {
  state: CallState;
  participants: CallParticipant[];
  localStream: MediaStream | null;
  problem: string;
  /** The last still the inspector asked for, while it is being taken and just after. */
  still: StillPrompt | null;
  /** The point the inspector is looking at now. */
  focus: FocusPoint | null;
  /** Who muted their microphone. */
  mutedPeers: string[];
  opinions: LiveOpinion[];
  call: InspectionCall | null;
  /** After a failure: join again with fresh credentials. */
  retry(): void;
}

/**
 * The applicant's and the expert's side of the call. Credentials come fresh from the BFF on every (re)connection —
 * the one-time code once, then the session or the tab's room pass — so Back, Forward and reload all end in a working
 * call. Answers the inspector's still requests: a full-resolution photo from this camera, uploaded for its point.
 */
export function useInspectionCall(entry: RoomEntry): CallView {
  const initial = { state: 'connecting' as CallState, participants: [], localStream: null, problem: '', still: null, focus: null, mutedPeers: [], opinions: [], call: null };
  const [view, setView] = useState<Omit<CallView, 'retry'>>(initial);
  const [attempt, setAttempt] = useState(0);
  const joiner = useRef<(() => ReturnType<ReturnType<typeof roomJoiner>>) | null>(null);
  joiner.current ??= roomJoiner(entry);

  useEffect(() => {
    const patch = (change: Partial<CallView>) => setView((v) => ({ ...v, ...change }));
    const id = entry.inspectionId;
    const join = joiner.current!;
    let call: InspectionCall | null = null;
    let gone = false;
    let clearStill: ReturnType<typeof setTimeout> | undefined;
    patch({ ...initial, state: attempt ? 'reconnecting' : 'connecting' });

    void (async () => {
      try {
        const answer = await join();
        // the RTC module (and agora-rtc-sdk-ng inside it) loads only here, on h5
        const { openInspectionCall } = await import('../../rtc');
        call = await openInspectionCall(answer, {
          inspectionId: id, video: !entry.audioOnly, join,
          // the applicant's camera is the premises; an expert's is a face in a small tile
          camera: signedInUser()?.role === 'expert' ? 'face' : 'scene',
          renewToken: () => roomClient(id).call(routes.renewToken, { params: { id } }),
        });
        if (gone) { void call.leave(); return; }
        patch({ call, localStream: call.localStream });
        call.on('state', (state) => patch({ state }));
        call.on('participants', (participants) => patch({ participants }));
        call.on('focus', (focus) => patch({ focus }));
        call.on('peer-media', ({ from, audioMuted }) => setView((v) => ({ ...v, mutedPeers: audioMuted ? [...v.mutedPeers, from] : v.mutedPeers.filter((u) => u !== from) })));
        call.on('opinion', (o) => setView((v) => ({ ...v, opinions: [...v.opinions, o] })));
        call.on('error', (err) => patch({ problem: err instanceof ApiError ? err.message : '连接出现问题，请检查网络' }));
        call.on('still-request', async ({ stillRequestId, checklistItemId, checklistItemTitle }) => {
          clearTimeout(clearStill);
          setView((v) => ({ ...v, still: { state: 'taking', title: checklistItemTitle ?? (v.focus?.id === checklistItemId ? v.focus.title : null) } }));
          const done = (state: StillPrompt['state']) => {
            setView((v) => ({ ...v, still: v.still && { ...v.still, state } }));
            if (state === 'uploaded') clearStill = setTimeout(() => patch({ still: null }), 5000);
          };
          try {
            const blob = await call!.captureStill();
            await roomClient(id).upload(routes.uploadPhoto, { id }, {
              filePath: URL.createObjectURL(blob),
              formData: { stillRequestId, capturedAt: new Date().toISOString(), ...(checklistItemId ? { checklistItemId } : {}) },
            });
            done('uploaded');
          } catch {
            done('failed');
          }
        });
      } catch (err) {
        // an inspection already concluded (or cancelled) has no call to join again: say so, offer no 重新连接
        if (err instanceof ApiError && err.code === 'INSPECTION.INVALID_STATE') patch({ state: 'ended', problem: err.message });
        else patch({ state: 'failed', problem: err instanceof ApiError ? err.message : `无法打开摄像头或连接视频：${messageOf(err)}` });
      }
    })();

    return () => { gone = true; clearTimeout(clearStill); void call?.leave(); };
    // `initial` is a fresh literal each render; the call restarts only for another room or a retry
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.inspectionId, entry.audioOnly, attempt]);

  return { ...view, retry: () => setAttempt((n) => n + 1) };
}
