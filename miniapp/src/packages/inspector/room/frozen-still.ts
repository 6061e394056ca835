import { api } from '../../../api';
import { routes } from '../../../api/routes';
import { inspectorRoutes } from '../inspector.routes';

/**
 * A frozen, marked frame saved as a still of the current point: a still request of the inspector's own (so it is on
 * the record as one, tied to the point), then the photo upload with that request's id.
 */
export async function uploadFrozenStill(inspectionId: string, checklistItemId: string | null, still: Blob): Promise<void> {
  const me = await api.call(routes.me, {});
  const request = await api.call(inspectorRoutes.requestStill, {
    params: { id: inspectionId }, body: { targetUserId: me.id, ...(checklistItemId ? { checklistItemId } : {}) },
  });
  await api.upload(routes.uploadPhoto, { id: inspectionId }, {
    filePath: URL.createObjectURL(still),
    formData: { stillRequestId: request.stillRequestId, capturedAt: new Date().toISOString(), ...(checklistItemId ? { checklistItemId } : {}) },
  });
}
