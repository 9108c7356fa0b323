import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkPhoto, MAX_PHOTO_BYTES, photoDigest, sniffPhotoType } from './photos';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');

function refusal(input: Uint8Array<ArrayBuffer>): string {
  try {
    checkPhoto(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('INVALID');
    expect(e.fields?.photo).toEqual([e.message]);
    return e.message;
  }
  throw new Error('accepted');
}

describe('sniffPhotoType', () => {
  it('knows JPEG, PNG, GIF (87a and 89a) and WebP by their first bytes', () => {
    expect(sniffPhotoType(JPEG)).toBe('image/jpeg');
    expect(sniffPhotoType(PNG)).toBe('image/png');
    expect(sniffPhotoType(GIF)).toBe('image/gif');
    expect(sniffPhotoType(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffPhotoType(WEBP)).toBe('image/webp');
  });
  it('knows nothing else, however the file is named', () => {
    expect(sniffPhotoType(bytes('just some text, saved as photo.png'))).toBeNull();
    expect(sniffPhotoType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffPhotoType(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffPhotoType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhotoType(new Uint8Array())).toBeNull();
  });
});

describe('checkPhoto', () => {
  it('accepts the four image types and says which it is', () => {
    expect(checkPhoto(PNG).contentType).toBe('image/png');
    expect(checkPhoto(JPEG).contentType).toBe('image/jpeg');
    expect(checkPhoto(GIF).contentType).toBe('image/gif');
    expect(checkPhoto(WEBP).contentType).toBe('image/webp');
  });
  it('refuses a text file named like an image', () => {
    expect(refusal(bytes('hello'))).toBe(
      'This file is not a JPEG, PNG, WebP or GIF image (judged by its contents, not its name).',
    );
  });
  it('refuses SVG and says why', () => {
    expect(refusal(bytes('<?xml version="1.0"?>\n<svg onload="alert(1)"></svg>'))).toMatch(
      /SVG images are not accepted/,
    );
  });
  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array())).toMatch(/empty/);
  });
  it('accepts exactly 2 MB and refuses a byte more, with the size', () => {
    const limit = new Uint8Array(MAX_PHOTO_BYTES);
    limit.set(PNG);
    expect(checkPhoto(limit).contentType).toBe('image/png');
    const over = new Uint8Array(MAX_PHOTO_BYTES + 200_000);
    over.set(PNG);
    expect(refusal(over)).toBe('The photo is 2.2 MB; the limit is 2 MB. Make it smaller and try again.');
  });
});

describe('photoDigest', () => {
  it('is stable and tells different bytes apart', () => {
    expect(photoDigest(PNG)).toBe(photoDigest(PNG.slice()));
    expect(photoDigest(PNG)).not.toBe(photoDigest(JPEG));
    expect(photoDigest(PNG)).toMatch(/^[0-9a-f]{32}$/);
  });
});
