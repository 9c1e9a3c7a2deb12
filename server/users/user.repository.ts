import { Schema, type Connection } from 'mongoose';
import { ROLES, type Role } from '../../machines';
import type { AuthUser } from '../policies/actor';
import type { OrgScope } from '../policies/scope';
import { modelFor } from '../db/model';
import { ProcessCache } from '../db/process-cache';

export interface User extends AuthUser {
  active: boolean;
  createdAt: Date;
}

interface UserDocument {
  orgId: string;
  username: string;
  displayName: string;
  role: Role;
  teamIds: string[];
  passwordHash: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDocument>(
  {
    orgId: { type: String, required: true },
    username: { type: String, required: true, lowercase: true, trim: true },
    displayName: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    teamIds: { type: [String], default: [] },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false },
);
// Usernames are unique across the installation: login asks for a username only.
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ orgId: 1, role: 1 });
userSchema.index({ orgId: 1, teamIds: 1 });

function model(db: Connection) {
  return modelFor(db, 'User', userSchema);
}

/**
 * Users are tenant-owned: reads and updates of an organisation's users take its OrgScope, so a
 * query without the organisation does not compile. Login (usernames are unique across the
 * installation), username uniqueness and the session's user lookup are installation-wide by nature.
 */
function toRecord(doc: UserDocument & { _id: unknown }): User {
  return {
    id: String(doc._id),
    orgId: doc.orgId,
    username: doc.username,
    displayName: doc.displayName,
    role: doc.role,
    teamIds: [...doc.teamIds],
    active: doc.active,
    createdAt: doc.createdAt,
  };
}

export async function ensureUserIndexes(db: Connection): Promise<void> {
  await model(db).createIndexes();
}

export async function insertUser(
  db: Connection,
  input: Omit<UserDocument, 'createdAt' | 'updatedAt' | 'active'> & { now: Date },
): Promise<User> {
  const { now, ...fields } = input;
  const doc = await model(db).create({ ...fields, active: true, createdAt: now, updatedAt: now });
  return toRecord(doc.toObject());
}

/** The session's user (authentication) and a begeleider candidate checked by policies/ after. */
export async function findUserById(db: Connection, id: string): Promise<User | null> {
  const doc = await model(db).findById(id).lean();
  return doc ? toRecord(doc) : null;
}

/**
 * How long a process trusts a user it has read for authentication (decision 028). updateUser
 * forgets the entry, so a deactivation or role change through this process applies to the next
 * request; another process applies it within this many milliseconds.
 */
export const AUTH_USER_CACHE_MS = 2000;

const authUserCache = new ProcessCache<User | null>(AUTH_USER_CACHE_MS, {
  keep: (user) => user !== null,
});

/** findUserById for every request's authentication, through the cache above (a copy each time). */
export async function findUserForAuthentication(db: Connection, id: string): Promise<User | null> {
  const user = await authUserCache.read(db, id, () => findUserById(db, id));
  return user && { ...user, teamIds: [...user.teamIds] };
}

/** For login only: the one place the password hash leaves the repository. */
export async function findCredentials(
  db: Connection,
  username: string,
): Promise<{ user: User; passwordHash: string } | null> {
  const doc = await model(db).findOne({ username: username.trim().toLowerCase() }).lean();
  return doc ? { user: toRecord(doc), passwordHash: doc.passwordHash } : null;
}

export async function usernameExists(db: Connection, username: string): Promise<boolean> {
  return (await model(db).countDocuments({ username: username.trim().toLowerCase() })) > 0;
}

export async function findUsers(
  db: Connection,
  scope: OrgScope,
  filter: { teamId?: string; role?: Role } = {},
): Promise<User[]> {
  const query: Record<string, unknown> = { orgId: scope.orgId };
  if (filter.teamId) query.teamIds = filter.teamId;
  if (filter.role) query.role = filter.role;
  const docs = await model(db).find(query).sort({ displayName: 1 }).lean();
  return docs.map(toRecord);
}

export async function updateUser(
  db: Connection,
  scope: OrgScope,
  id: string,
  changes: Partial<
    Pick<UserDocument, 'displayName' | 'role' | 'teamIds' | 'active' | 'passwordHash'>
  > & { now: Date },
): Promise<User | null> {
  const { now, ...fields } = changes;
  const doc = await model(db)
    .findOneAndUpdate(
      { _id: id, orgId: scope.orgId },
      { $set: { ...fields, updatedAt: now } },
      { returnDocument: 'after' },
    )
    .lean();
  authUserCache.forget(db, id);
  return doc ? toRecord(doc) : null;
}

/** Active beheerders of an organisation other than `exceptId` (hole 2: never none left). */
export async function countOtherActiveBeheerders(
  db: Connection,
  scope: OrgScope,
  exceptId: string,
): Promise<number> {
  return model(db).countDocuments({
    orgId: scope.orgId,
    role: 'beheerder',
    active: true,
    _id: { $ne: exceptId },
  });
}

export async function findUserInOrganisation(
  db: Connection,
  scope: OrgScope,
  id: string,
): Promise<User | null> {
  const user = await findUserById(db, id);
  return user && user.orgId === scope.orgId ? user : null;
}
