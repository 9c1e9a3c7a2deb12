import { Types } from 'mongoose';
import { NotFoundError } from './errors';

/** The one definition of what an id looks like: a 24-hex MongoDB ObjectId. */
export const OBJECT_ID_HEX = '[0-9a-f]{24}';
export const OBJECT_ID_PATTERN = new RegExp(`^${OBJECT_ID_HEX}$`, 'i');

export function isObjectId(value: string): boolean {
  return OBJECT_ID_PATTERN.test(value);
}

/** Ids in URLs are 24-hex ObjectIds; anything else cannot exist, so it is a 404, never a cast error (500). */
export function parseObjectId(value: string, what: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(value) || !isObjectId(value)) throw new NotFoundError(what);
  return new Types.ObjectId(value);
}

export function newId(): string {
  return new Types.ObjectId().toHexString();
}
