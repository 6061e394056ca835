import { z } from 'zod';
import { defineContract } from '../contract';

export const SubjectKind = z.enum(['organisation', 'person']);

/** 经营主体 as shown to people: ID and phone numbers only ever masked (`4601**********1234`). */
export const Subject = z.object({
  id: z.string(),
  kind: SubjectKind,
  name: z.string(),
  /** 统一社会信用代码, for organisations. */
  uscc: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  siteAddress: z.string(),
  site: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type Subject = z.infer<typeof Subject>;

export const subjectsContract = defineContract({
  mySubject: {
    method: 'GET', path: '/subjects/mine', summary: '我的经营主体', auth: ['applicant'],
    responses: { 200: Subject }, errors: ['SUBJECT.NOT_FOUND'],
  },
});
