import { Types } from 'mongoose';
import { NotFoundError } from './errors';

/** Ids in URLs are 24-hex ObjectIds; anything else cannot exist, so it is a 404, never a cast error (500). */
export function parseObjectId(value: string, what: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(value) || !/^[0-9a-f]{24}$/i.test(value))
    throw new NotFoundError(what);
  return new Types.ObjectId(value);
}

export function newId(): string {
  return new Types.ObjectId().toHexString();
}
