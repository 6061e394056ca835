// agora-token ships no types for its parser; tests use it to decode tokens offline (TOOLCHAIN.md).
declare module 'agora-token/src/AccessToken2' {
  export class AccessToken2 {
    appId: string;
    issueTs: number;
    expire: number;
    from_string(token: string): boolean;
    verifySignature(appCertificate: string): boolean;
    getServices(serviceType: number): unknown[];
  }
  export const kRtcServiceType: number;
  export const ServiceRtc: {
    kPrivilegeJoinChannel: number;
    kPrivilegePublishAudioStream: number;
    kPrivilegePublishVideoStream: number;
    kPrivilegePublishDataStream: number;
  };
}
