/**
 * The video inspection call, H5 only (DESIGN.md, Video). One interface, two implementations, chosen by the BFF:
 *
 *   const answer = await api.join({ params: { id } });                // POST /inspections/:id/join
 *   const call = await openInspectionCall(answer, {
 *     inspectionId: id,
 *     join: () => api.join({ params: { id } }),                         // fresh credentials to reconnect
 *     renewToken: () => api.renewToken({ params: { id } }),             // agora: token-privilege-will-expire
 *   });
 *   call.on('state', (s) => …);            // connecting | waiting (for the inspector) | in-call | reconnecting | removed | ended
 *   call.on('participants', (list) => …);  // [{ userId, role, displayName, stream }] → <video srcObject={stream}>
 *   call.on('waiting', (list) => …);       // inspector: call.admit(userId) / call.remove(userId)
 *   call.on('still-request', async ({ stillRequestId }) => {
 *     const photo = await call.captureStill();                          // full resolution
 *     // upload through POST /inspections/:id/photos with stillRequestId (media)
 *   });
 *   call.switchCamera();                   // rear camera first; walks enumerateDevices (iOS ignores facingMode)
 *   call.localStream                       // your own preview
 *   await call.leave();
 *
 * Inspector recording (local mode): `recordCall(mixCall([call.localStream, ...remote streams]).stream,
 * tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken }))`: a chunk every 5 s, kept in IndexedDB until the
 * server confirms it; `tusRecordingUploader(…)` alone (after a reload) sends what is left. Never import this folder from weapp code: the Agora SDK is loaded only inside `openAgoraCall`.
 */
import type { CallOptions, InspectionCall, JoinAnswer } from './types';

export type * from './types';
export { mixCall } from './call-mix';
export { recordCall, type RecordingUploader, type CallRecording, type UploadStatus } from './recorder';
export { tusRecordingUploader } from './tus-uploader';
export { captureStill } from './camera';

export async function openInspectionCall(answer: JoinAnswer, opts: CallOptions): Promise<InspectionCall> {
  if (answer.mode === 'agora') {
    const { openAgoraCall } = await import('./agora');
    return openAgoraCall(answer, opts);
  }
  const { openLocalCall } = await import('./local');
  return openLocalCall(answer, opts);
}
