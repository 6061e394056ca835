import { Types } from 'mongoose';
import type { Role } from '@ycta/shared';
import { UserModel } from './auth.model';

/** Who is who, for other modules (assignment, invitations): ids, usernames and roles only, never credentials. */
export interface DirectoryUser { id: string; username: string; displayName: string; role: Role }

const fields = { username: 1, displayName: 1, role: 1 };
const toDirectoryUser = (u: { _id: Types.ObjectId; username: string; displayName: string; role: Role }): DirectoryUser =>
  ({ id: String(u._id), username: u.username, displayName: u.displayName, role: u.role });

export async function usersWithRole(role: Role): Promise<DirectoryUser[]> {
  const docs = await UserModel.find({ role }, fields).sort({ username: 1 }).lean();
  return docs.map((d) => toDirectoryUser(d as never));
}

export async function findUsers(ids: readonly string[]): Promise<DirectoryUser[]> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  const docs = await UserModel.find({ _id: { $in: valid } }, fields).lean();
  return docs.map((d) => toDirectoryUser(d as never));
}
