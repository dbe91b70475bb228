import { orgPublicRoutes } from '../../admin/org/public-routes.ts';
import { httpRoutes } from '../routes/http-function.ts';
import { qrPlaceRoutes } from '../routes/places.ts';
import { referenceRoutes } from '../routes/reference.ts';
import { publicSessionRoutes } from '../routes/sessions.ts';

/** What a resident reaches before filing: the place, the categories, the promised deadlines, the mediation teams, and sign-in. */
export const { routes, route } = httpRoutes(qrPlaceRoutes, referenceRoutes, orgPublicRoutes, publicSessionRoutes);
