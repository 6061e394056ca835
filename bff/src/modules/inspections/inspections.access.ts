import { Types } from 'mongoose';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { InspectionModel, type InspectionRecord } from './inspection.model';

/** Who may see an inspection: its subject's applicant, its inspectors and invited experts, staff and admin. */
export function canAccess(user: AuthUser, inspection: InspectionRecord): boolean {
  switch (user.role) {
    case 'staff':
    case 'admin':
      return true;
    case 'applicant':
      return user.subjectId !== null && String(inspection.subjectId) === user.subjectId;
    case 'inspector':
      return inspection.inspectorIds.some((id) => String(id) === user.id);
    case 'expert':
      return inspection.expertIds.some((id) => String(id) === user.id);
    case 'dept_reviewer':
      return false;
  }
}

/** The inspection if this user may see it; otherwise 404, so its existence is not revealed. */
export async function findAccessibleInspection(user: AuthUser, id: string): Promise<InspectionRecord> {
  const inspection = Types.ObjectId.isValid(id) ? await InspectionModel.findById(id).lean<InspectionRecord>() : null;
  if (!inspection || !canAccess(user, inspection)) {
    throw new AppError('INSPECTION.NOT_FOUND', { status: 404, message: '踏勘不存在' });
  }
  return inspection;
}
