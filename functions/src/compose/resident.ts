/**
 * Composition of the functions that serve residents' own calls on requests ("me too", consents,
 * photos when functions/src/compose/photos.ts is imported too, requests carried to another phone):
 * importing this module adds the resident side to the service. It neither files nor works a
 * request, so it carries no risk early warning, mediation teams or calendar alert; the functions
 * that do import compose/filing.ts, which includes this module.
 */
import { buildResidentSide } from '../app/resident-runtime.ts';
import { useFiling } from '../app/runtime.ts';

useFiling(({ env, db, table, tokens, photos }) => ({ resident: buildResidentSide(env, db, table, tokens, photos) }));
