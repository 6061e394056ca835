/**
 * Where a photo's place and time come from, as the inspector must read them beside it. EXIF written by the camera is
 * the photo's own evidence; the form fields the phone sends with it (`lat`, `lng`, `capturedAt`) are the client's
 * word, which the applicant controls; a photo with neither has no place or time at all. Pure: the server stores the
 * sources, every view words them with this.
 */
export type EvidenceSourceOf = 'exif' | 'client' | null | undefined;

export interface ProvenanceMark {
  /** What the inspector reads, in Chinese. */
  text: string;
  /** `client`: only the phone says so; `missing`: nothing says so. */
  kind: 'client' | 'missing';
}

export function photoProvenanceMarks(photo: { captureTimeSource: EvidenceSourceOf; gps: { source: EvidenceSourceOf } | null }): ProvenanceMark[] {
  const marks: ProvenanceMark[] = [];
  if (!photo.gps) marks.push({ text: '无拍摄位置', kind: 'missing' });
  else if (photo.gps.source !== 'exif') marks.push({ text: '位置由手机上报', kind: 'client' });
  if (!photo.captureTimeSource) marks.push({ text: '无拍摄时间', kind: 'missing' });
  else if (photo.captureTimeSource !== 'exif') marks.push({ text: '无拍摄时间（时间由手机上报）', kind: 'client' });
  return marks;
}
