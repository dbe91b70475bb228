/**
 * The parts of the AWS SDK's S3 packages the photo storage uses (./storage.ts), in a module of
 * their own: storage.ts imports it on its first S3 call, so a function's routes that never sign
 * or check a photo do not load the S3 client (a chunk of its own in the bundle; issue #9).
 */
export { GetObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
export { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export { getSignedUrl } from '@aws-sdk/s3-request-presigner';
