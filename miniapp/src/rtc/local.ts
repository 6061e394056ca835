import { captureStill, nextCameraTrack, openCameraAndMicrophone } from './camera';
import { CallEmitter } from './emitter';
import { emitRoomEvent } from './room-events';
import { SignallingChannel, type ServerMessage } from './signalling-channel';
import type { CallOptions, CallParticipant, InspectionCall, LocalJoinAnswer, PeerInfo } from './types';

/**
 * Local mode: browser WebRTC as a mesh (one RTCPeerConnection per other participant, fine for the 2–6 people of an
 * inspection), signalling over the BFF's WebSocket. Whoever is admitted later offers to everyone already in.
 */
export async function openLocalCall(answer: LocalJoinAnswer, opts: CallOptions): Promise<InspectionCall> {
  const events = new CallEmitter();
  // the camera opens while the socket connects and the room admits: both take a few hundred ms on a busy machine
  const camera = answer.canPublish ? openCameraAndMicrophone(opts.video !== false, opts.camera) : Promise.resolve(null);
  let localStream: MediaStream | null = null;
  const peers = new Map<string, { info: PeerInfo; pc: RTCPeerConnection; stream: MediaStream | null }>();
  const rtcConfig: RTCConfiguration = { iceServers: answer.iceServers };

  const publish = () => events.emit('participants', [...peers.values()].map((p): CallParticipant => ({ ...p.info, stream: p.stream })));

  function connection(info: PeerInfo): RTCPeerConnection {
    const known = peers.get(info.userId);
    if (known) return known.pc;
    const pc = new RTCPeerConnection(rtcConfig);
    const entry = { info, pc, stream: null as MediaStream | null };
    peers.set(info.userId, entry);
    if (localStream) for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
    else {
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
    }
    pc.onicecandidate = (e) => {
      if (!e.candidate) return;
      if (opts.candidateFilter && !opts.candidateFilter(e.candidate)) return;
      channel.send({ type: 'ice', to: info.userId, candidate: e.candidate.toJSON() });
    };
    pc.ontrack = (e) => {
      entry.stream = e.streams[0] ?? new MediaStream([e.track]);
      publish();
    };
    return pc;
  }

  /** Leaves for good: the socket, every peer and the camera are closed. */
  function hangUp() {
    channel.close();
    for (const p of [...peers.keys()]) drop(p);
    for (const t of localStream?.getTracks() ?? []) t.stop();
    events.emit('state', 'ended');
  }

  function drop(userId: string) {
    peers.get(userId)?.pc.close();
    peers.delete(userId);
    publish();
  }

  async function offerTo(info: PeerInfo) {
    const pc = connection(info);
    await pc.setLocalDescription(await pc.createOffer());
    channel.send({ type: 'offer', to: info.userId, sdp: pc.localDescription!.sdp });
  }

  async function onMessage(msg: ServerMessage) {
    switch (msg.type) {
      case 'welcome':
        events.emit('state', msg.state === 'admitted' ? 'in-call' : 'waiting');
        return;
      case 'admitted':
        events.emit('state', 'in-call');
        return;
      case 'peers':
        for (const p of [...peers.keys()]) drop(p);
        for (const info of msg.peers) await offerTo(info);
        return;
      case 'peer-joined':
        // the newcomer offers; keep their name ready for the offer
        if (!peers.has(msg.peer.userId)) connection(msg.peer);
        publish();
        return;
      case 'peer-left':
        drop(msg.userId);
        return;
      case 'offer': {
        const pc = connection(peers.get(msg.from)?.info ?? { userId: msg.from, role: 'unknown', displayName: '' });
        await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        channel.send({ type: 'answer', to: msg.from, sdp: pc.localDescription!.sdp });
        return;
      }
      case 'answer':
        await peers.get(msg.from)?.pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp });
        return;
      case 'ice':
        await peers.get(msg.from)?.pc.addIceCandidate(msg.candidate).catch(() => undefined);
        return;
      case 'removed':
        events.emit('state', 'removed');
        return;
      case 'call-ended':
        hangUp();
        return;
      default:
        emitRoomEvent(msg, events);
    }
  }

  // one message at a time, in order, once the camera is open (an offer needs the tracks) and the caller has had a turn
  // to listen: an ICE candidate handled while the offer it belongs to is still being applied would be lost
  let handled: Promise<unknown> = camera.then(() => new Promise((ok) => setTimeout(ok, 0)), () => undefined);
  const channel = new SignallingChannel(
    opts.inspectionId,
    opts.join,
    (msg) => { handled = handled.then(() => onMessage(msg)).catch((err: Error) => events.emit('error', err)); },
    (state) => {
      for (const p of [...peers.keys()]) drop(p);
      events.emit('state', state);
    },
  );
  events.emit('state', 'connecting');
  channel.connect(answer);
  try {
    localStream = await camera;
  } catch (err) {
    channel.close();
    throw err;
  }

  return {
    mode: 'local',
    localStream,
    on: (event, listener) => events.on(event, listener),
    admit: (userId) => channel.send({ type: 'admit', userId }),
    remove: (userId) => channel.send({ type: 'remove', userId }),
    send: (message) => channel.send(message),
    setMuted(muted) {
      for (const t of localStream?.getAudioTracks() ?? []) t.enabled = !muted;
      channel.send({ type: 'media', audioMuted: muted });
    },
    async switchCamera() {
      if (!localStream) return;
      const current = localStream.getVideoTracks()[0];
      const next = await nextCameraTrack(current);
      if (!next) return;
      for (const { pc } of peers.values()) {
        await pc.getSenders().find((s) => s.track?.kind === 'video')?.replaceTrack(next);
      }
      if (current) { localStream.removeTrack(current); current.stop(); }
      localStream.addTrack(next);
    },
    async captureStill() {
      const track = localStream?.getVideoTracks()[0];
      if (!track) throw new Error('没有可用的摄像头');
      return captureStill(track);
    },
    async leave() {
      hangUp();
    },
  };
}
