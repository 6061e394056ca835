import { captureStill, camerasRearFirst } from './camera';
import { CallEmitter } from './emitter';
import { emitRoomEvent } from './room-events';
import { SignallingChannel, type ServerMessage } from './signalling-channel';
import type { AgoraJoinAnswer, CallOptions, CallParticipant, InspectionCall, PeerInfo } from './types';

/**
 * Agora mode: agora-rtc-sdk-ng, loaded only here and only when a call starts (it must never reach the weapp
 * package; its ESM build has no default export, hence the named imports). Admission and stills still go through
 * the BFF's signalling socket; media joins Agora once admitted. Tokens are renewed on `token-privilege-will-expire`.
 */

/** The uid the BFF gives a user: the first 31 bits of sha256(userId), never 0 (bff/src/infra/agora/rtc-token-issuer.ts). */
async function agoraUidOf(userId: string): Promise<number> {
  const digest = new DataView(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(userId)));
  const n = digest.getUint32(0) & 0x7fffffff;
  return n === 0 ? 1 : n;
}

export async function openAgoraCall(answer: AgoraJoinAnswer, opts: CallOptions): Promise<InspectionCall> {
  const { createClient, createMicrophoneAudioTrack, createCameraVideoTrack } = await import('agora-rtc-sdk-ng/esm');
  const events = new CallEmitter();
  const client = createClient({ mode: 'rtc', codec: 'vp8' });
  const names = new Map<number, PeerInfo>();
  const remotes = new Map<number, MediaStream>();
  let joined = false;

  const face = opts.camera === 'face';
  const [rear] = answer.canPublish && !face ? await camerasRearFirst().catch(() => []) : [];
  const microphone = answer.canPublish ? await createMicrophoneAudioTrack() : null;
  const camera = answer.canPublish && opts.video !== false
    // a face: Agora's 360p_1 preset (640×360, 15 frames a second), as camera.ts asks of the browser in local mode
    ? await createCameraVideoTrack(face ? { facingMode: 'user', encoderConfig: '360p_1' } : rear ? { cameraId: rear.deviceId } : { facingMode: 'environment' })
    : null;
  const localStream = answer.canPublish
    ? new MediaStream([microphone, camera].flatMap((t) => (t ? [t.getMediaStreamTrack()] : [])))
    : null;

  const publish = () => {
    const list: CallParticipant[] = [...remotes.entries()].map(([uid, stream]) => ({
      ...(names.get(uid) ?? { userId: String(uid), role: 'unknown', displayName: '' }), stream,
    }));
    events.emit('participants', list);
  };
  async function learn(peers: PeerInfo[]) {
    for (const p of peers) names.set(await agoraUidOf(p.userId), p);
    publish();
  }

  client.on('user-published', async (user, mediaType) => {
    await client.subscribe(user, mediaType);
    const uid = Number(user.uid);
    const stream = remotes.get(uid) ?? new MediaStream();
    const track = mediaType === 'video' ? user.videoTrack : user.audioTrack;
    if (track) stream.addTrack(track.getMediaStreamTrack());
    if (mediaType === 'audio') user.audioTrack?.play();
    remotes.set(uid, stream);
    publish();
  });
  client.on('user-left', (user) => {
    remotes.delete(Number(user.uid));
    publish();
  });
  client.on('token-privilege-will-expire', async () => {
    if (!opts.renewToken) return;
    try {
      const { token } = await opts.renewToken();
      await client.renewToken(token);
    } catch (err) {
      events.emit('error', err as Error);
    }
  });

  /** Leaves for good: the control socket, the tracks and the Agora channel. */
  async function hangUp() {
    channel.close();
    microphone?.close();
    camera?.close();
    await client.leave();
    events.emit('state', 'ended');
  }

  async function enterMedia() {
    if (joined) return;
    joined = true;
    await client.join(answer.appId, answer.channel, answer.token, answer.uid);
    const tracks = [microphone, camera].filter((t) => t !== null);
    if (tracks.length) await client.publish(tracks);
    events.emit('state', 'in-call');
  }

  const onMessage = async (msg: ServerMessage) => {
    switch (msg.type) {
      case 'welcome':
        if (msg.state === 'admitted') await enterMedia();
        else events.emit('state', 'waiting');
        return;
      case 'admitted':
        await enterMedia();
        return;
      case 'peers':
        await learn(msg.peers);
        return;
      case 'peer-joined':
        await learn([msg.peer]);
        return;
      case 'removed':
        await client.leave();
        events.emit('state', 'removed');
        return;
      case 'call-ended':
        await hangUp();
        return;
      default:
        emitRoomEvent(msg, events);
    }
  };
  const channel = new SignallingChannel(
    opts.inspectionId, opts.join,
    (msg) => { onMessage(msg).catch((err: Error) => events.emit('error', err)); },
    (state) => { if (state !== 'reconnecting') events.emit('state', state); },
  );
  events.emit('state', 'connecting');
  channel.connect(answer);

  return {
    mode: 'agora',
    localStream,
    on: (event, listener) => events.on(event, listener),
    admit: (userId) => channel.send({ type: 'admit', userId }),
    remove: (userId) => channel.send({ type: 'remove', userId }),
    send: (message) => channel.send(message),
    setMuted(muted) {
      void microphone?.setMuted(muted);
      channel.send({ type: 'media', audioMuted: muted });
    },
    async switchCamera() {
      if (!camera) return;
      const cameras = await camerasRearFirst();
      if (cameras.length < 2) return;
      const current = camera.getMediaStreamTrack().getSettings().deviceId;
      const at = cameras.findIndex((c) => c.deviceId === current);
      await camera.setDevice(cameras[(at + 1) % cameras.length]!.deviceId);
    },
    async captureStill() {
      if (!camera) throw new Error('没有可用的摄像头');
      return captureStill(camera.getMediaStreamTrack());
    },
    leave: hangUp,
  };
}
