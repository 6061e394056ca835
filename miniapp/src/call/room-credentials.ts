import type { JoinAnswer, RoomPass } from '@ycta/shared/contracts/inspections.contract';
import { api, roomPassApi } from '../api';
import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { routes } from '../api/routes';
import type { RoomEntry } from './room-link';

/**
 * A room's credentials: tickets live only in memory (one-time), the room pass in this tab's session storage so a
 * reload of a room with no session (a phone browser opened from the QR, the WebView) can join again. Nothing of
 * either is ever in the address, the history or a referrer.
 */
const passKey = (inspectionId: string) => `ycta.roomPass.${inspectionId}`;

export function keptRoomPass(inspectionId: string, now = Date.now()): RoomPass | null {
  try {
    const pass = JSON.parse(sessionStorage.getItem(passKey(inspectionId)) ?? 'null') as RoomPass | null;
    return pass && Date.parse(pass.expiresAt) > now ? pass : null;
  } catch {
    return null;
  }
}

function keepRoomPass(inspectionId: string, pass: RoomPass): void {
  try {
    sessionStorage.setItem(passKey(inspectionId), JSON.stringify(pass));
  } catch {
    // private mode without storage: the pass stays in memory for this page only
  }
}

/** Takes the used one-time code out of the address (and so out of the history). */
function forgetCodeInAddress(): void {
  if (typeof location === 'undefined' || !/[?&]code=/.test(location.href)) return;
  history.replaceState(history.state, '', location.href.replace(/&code=[^&#]*/, '').replace(/\?code=[^&#]*&?/, '?'));
}

/** The client for this room: the signed-in session, else the kept room pass (WebView, another device). */
export function roomClient(inspectionId: string): ApiClient {
  if (api.sessions.load()) return api;
  const pass = keptRoomPass(inspectionId);
  return pass ? roomPassApi(pass.token) : api;
}

/**
 * Fresh credentials for the room, each time it (re)connects: the one-time code once, then the session or the kept pass.
 */
export function roomJoiner(entry: RoomEntry): () => Promise<JoinAnswer> {
  let code = entry.code;
  let redeeming: Promise<JoinAnswer> | null = null;
  const id = entry.inspectionId;
  return async () => {
    let answer: JoinAnswer;
    if (code) {
      const used = code;
      code = undefined;
      redeeming = api.call(routes.redeemRoomCode, { params: { id }, body: { code: used } }).finally(forgetCodeInAddress);
      answer = await redeeming;
    } else if (redeeming && !(await redeeming.then(() => true, () => false))) {
      throw new ApiError('RTC.ROOM_CODE_INVALID', '视频链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。', 404);
    } else if (api.sessions.load() || keptRoomPass(id)) {
      answer = await roomClient(id).call(routes.join, { params: { id } });
    } else {
      throw new ApiError('RTC.ROOM_CODE_INVALID', '视频链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。', 404);
    }
    keepRoomPass(id, answer.roomPass);
    return answer;
  };
}
