import { photoProvenanceMarks } from './photo-provenance';

describe('photo provenance marks', () => {
  it.each([
    ['EXIF place and time', { captureTimeSource: 'exif', gps: { source: 'exif' } }, []],
    ['client place, EXIF time', { captureTimeSource: 'exif', gps: { source: 'client' } }, ['位置由手机上报']],
    ['EXIF place, client time', { captureTimeSource: 'client', gps: { source: 'exif' } }, ['无拍摄时间（时间由手机上报）']],
    ['client place and time (no EXIF)', { captureTimeSource: 'client', gps: { source: 'client' } }, ['位置由手机上报', '无拍摄时间（时间由手机上报）']],
    ['neither', { captureTimeSource: null, gps: null }, ['无拍摄位置', '无拍摄时间']],
  ] as const)('when a photo has %s, then it is marked accordingly', (_what, photo, texts) => {
    expect(photoProvenanceMarks(photo).map((m) => m.text)).toEqual(texts);
  });
});
