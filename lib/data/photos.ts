import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** The largest photo Counterpart stores. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The image types accepted, judged by the file's first bytes (never its name or the browser's word). */
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

/** An uploaded photo that passed the checks, ready to store. */
export type PhotoUpload = { contentType: PhotoType; bytes: Uint8Array<ArrayBuffer> };

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type a file's bytes announce, or null when they are none of the accepted ones. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).toLowerCase();
  return head.includes('<svg');
}

function megabytes(size: number): string {
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Checks an uploaded photo: not empty, at most 2 MB, and a JPEG, PNG, WebP or
 * GIF by its bytes. SVG is refused because it can carry scripts. Throws
 * INVALID with the message under the `photo` field.
 */
export function checkPhoto(bytes: Uint8Array<ArrayBuffer>): PhotoUpload {
  const refuse = (message: string) => new AppError('INVALID', message, { photo: [message] });
  if (bytes.byteLength === 0) throw refuse('The chosen file is empty. Choose a JPEG, PNG, WebP or GIF image.');
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw refuse(`The photo is ${megabytes(bytes.byteLength)}; the limit is 2 MB. Make it smaller and try again.`);
  }
  const contentType = sniffPhotoType(bytes);
  if (contentType === null) {
    throw refuse(
      looksLikeSvg(bytes)
        ? 'SVG images are not accepted (they can carry scripts). Use a JPEG, PNG, WebP or GIF image.'
        : 'This file is not a JPEG, PNG, WebP or GIF image (judged by its contents, not its name).',
    );
  }
  return { contentType, bytes };
}

/** A short fingerprint of a photo's bytes: its ETag, and what the audit log records of it. */
export function photoDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** What an official's snapshot records of an uploaded photo (never the bytes). */
export async function photoSummary(tx: Tx, officialId: string) {
  const photo = await tx.officialPhoto.findUnique({ where: { officialId } });
  if (photo === null) return null;
  return { contentType: photo.contentType, size: photo.bytes.byteLength, sha256: photoDigest(photo.bytes) };
}

/** Stores (or replaces) an official's uploaded photo, inside the edit's transaction. */
export async function storePhoto(tx: Tx, officialId: string, photo: PhotoUpload): Promise<void> {
  await tx.officialPhoto.upsert({
    where: { officialId },
    create: { officialId, contentType: photo.contentType, bytes: photo.bytes },
    update: { contentType: photo.contentType, bytes: photo.bytes },
  });
}

/** Removes an official's uploaded photo, if any. */
export async function removePhoto(tx: Tx, officialId: string): Promise<void> {
  await tx.officialPhoto.deleteMany({ where: { officialId } });
}

/**
 * The photo to serve for an official's page, by slug (following a merge):
 * the uploaded bytes, or the address of a photo elsewhere, or null.
 */
export async function getOfficialPhoto(slug: string) {
  const official = await getDb().official.findUnique({
    where: { slug },
    select: {
      photoUrl: true,
      photo: { select: { contentType: true, bytes: true, updatedAt: true } },
      mergedInto: {
        select: { photoUrl: true, photo: { select: { contentType: true, bytes: true, updatedAt: true } } },
      },
    },
  });
  if (official === null) return null;
  const kept = official.mergedInto ?? official;
  if (kept.photo) {
    return {
      kind: 'stored' as const,
      contentType: kept.photo.contentType,
      bytes: kept.photo.bytes,
      updatedAt: kept.photo.updatedAt,
      etag: `"${photoDigest(kept.photo.bytes)}"`,
    };
  }
  if (kept.photoUrl) return { kind: 'url' as const, url: kept.photoUrl };
  return null;
}
