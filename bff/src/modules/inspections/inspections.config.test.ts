import { loadConfig } from '../../config';

const base = { MONGODB_URI: 'mongodb://127.0.0.1:1/x', JWT_SECRET: 'x'.repeat(32) };

describe('video configuration', () => {
  it('when nothing is set, then calls run local with no ICE servers and Agora is off', () => {
    const config = loadConfig(base);
    expect(config.rtc).toEqual({ iceServers: [], ticketTtlSeconds: 60 });
    expect(config.agora).toMatchObject({ appId: '', appCertificate: '', recordingStorage: null });
    expect(config.inspections).toEqual({ joinEarlyMinutes: 15, priorityBookingHours: 48 });
  });

  it('when the ICE servers or the recording storage are not valid JSON, then the start stops naming the key', () => {
    expect(() => loadConfig({ ...base, RTC_ICE_SERVERS: '[{"url":1}]' })).toThrow(/RTC_ICE_SERVERS/);
    expect(() => loadConfig({ ...base, AGORA_RECORDING_STORAGE: '{bucket' })).toThrow(/AGORA_RECORDING_STORAGE/);
    expect(loadConfig({ ...base, RTC_ICE_SERVERS: '[{"urls":"turn:10.0.0.5:3478","username":"u","credential":"p"}]' }).rtc.iceServers).toHaveLength(1);
  });
});
