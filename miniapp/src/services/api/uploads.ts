import { type UploadRequest, UploadTicketSchema } from '@mashang/shared/contracts/resident';
import { call } from './client.ts';

/** Photo uploads: a presigned POST for one photo. */

export const slot = (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'resident', req);
/** Uploaded by the signed-in staff member (resolution photos). */
export const slotAsStaff = (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'staff', req);
