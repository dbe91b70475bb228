import { CategoriesReplySchema, ClientConfigSchema, MediatorsReplySchema, PromisedDeadlinesSchema } from '@mashang/shared/contracts/resident';
import { queryString } from '../http.ts';
import { call } from './client.ts';

/** Reference data and client settings. */

export const categories = () => call('GET', '/api/categories', CategoriesReplySchema, 'optional');
export const categoriesForStaff = () => call('GET', '/api/categories', CategoriesReplySchema, 'staff');
/** The deadlines promised for a request of this category received now. */
export const deadlines = (category: string) => call('GET', `/api/deadlines${queryString({ category })}`, PromisedDeadlinesSchema, 'optional');
/** Subscription templates to ask consent for, and the photo limits. */
export const clientConfig = () => call('GET', '/api/client-config', ClientConfigSchema, 'none');
/** The mediation teams a resident may choose at a QR location (dispute categories). */
export const mediators = (locationId: string) => call('GET', `/api/mediators${queryString({ locationId })}`, MediatorsReplySchema, 'none');
