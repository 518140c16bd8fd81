import { z } from 'zod';

/**
 * How the window names an image: an opaque token main issued when the file came through its own picker, a drop or
 * a paste, or when it sent a draft, shot, character or job whose image slots carry tokens in place of files.
 */
export const IMAGE_TOKEN_PATTERN = /^img_[A-Za-z0-9_-]{24}$/;

/** An image token on the wire. */
export const imageTokenSchema = z.string().regex(IMAGE_TOKEN_PATTERN, 'an image token from Reelbench');
