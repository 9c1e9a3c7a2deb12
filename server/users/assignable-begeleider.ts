import type { AppContext } from '../app-context';
import { ValidationError } from '../errors';
import { mayBeBegeleiderOf } from '../policies/permissions';
import { findUserById } from './user.repository';

/**
 * POST /cases and REASSIGN: the named begeleider must pass policies/'s `mayBeBegeleiderOf` for
 * the case's team; anyone else is a 400 naming the field.
 */
export async function assertAssignableBegeleider(
  context: AppContext,
  kase: { orgId: string; teamId: string },
  userId: string,
): Promise<void> {
  if (!mayBeBegeleiderOf(await findUserById(context.db, userId), kase)) {
    throw new ValidationError('Invalid body: begeleiderId', [
      {
        field: 'begeleiderId',
        message: 'not an active begeleider or teamleider of the case’s team',
      },
    ]);
  }
}
