import { Types } from 'mongoose';
import type { Role } from '@ycta/shared';
import { UserModel } from './auth.model';

/** Who is who, for other modules (assignment, invitations): ids, usernames and roles only, never credentials. */
export interface DirectoryUser { id: string; username: string; displayName: string; role: Role }

const fields = { username: 1, displayName: 1, role: 1 };
const toDirectoryUser = (u: { _id: Types.ObjectId; username: string; displayName: string; role: Role }): DirectoryUser =>
  ({ id: String(u._id), username: u.username, displayName: u.displayName, role: u.role });

/** The office's own users of a role: department-bound ones (joint inspections, credit repair) work their department's cases only. */
export async function usersWithRole(role: Role): Promise<DirectoryUser[]> {
  const docs = await UserModel.find({ role, departmentCode: null }, fields).sort({ username: 1 }).lean();
  return docs.map((d) => toDirectoryUser(d as never));
}

export async function findUsers(ids: readonly string[]): Promise<DirectoryUser[]> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  const docs = await UserModel.find({ _id: { $in: valid } }, fields).lean();
  return docs.map((d) => toDirectoryUser(d as never));
}

export async function findUserByUsername(username: string): Promise<(DirectoryUser & { subjectId: string | null }) | null> {
  const doc = await UserModel.findOne({ username }, { ...fields, subjectId: 1 }).lean();
  return doc ? { ...toDirectoryUser(doc as never), subjectId: doc.subjectId ? String(doc.subjectId) : null } : null;
}

/** Links an applicant account to its subject, only if it has none yet (the link is read at sign-in). */
export async function linkSubjectIfUnset(userId: string, subjectId: Types.ObjectId): Promise<void> {
  await UserModel.updateOne({ _id: new Types.ObjectId(userId), subjectId: null }, { $set: { subjectId } });
}

/** The department a department-bound user works for (`dept_reviewer`, …), or null. */
export async function departmentOf(userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  const doc = await UserModel.findById(userId, { departmentCode: 1 }).lean<{ departmentCode?: string | null }>();
  return doc?.departmentCode ?? null;
}
