/**
 * Composition of the functions that sign or check residents' photos (tickets, workbench,
 * resident): importing this module gives their service the S3 photo storage (PHOTO_BUCKET,
 * S3_*). Only these functions' bundles carry the S3 requests (adapters/s3-signed.ts); their roles hold the S3 rights.
 */
import { photoStorageFromEnv } from '../adapters/storage.ts';
import { usePhotoStorage } from '../app/runtime.ts';

usePhotoStorage(photoStorageFromEnv);
