import { catalogueCodes, resolveSettings, tariffsOf } from '../../machines';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import type { AuthUser } from '../policies/actor';
import { ConflictError, NotFoundError } from '../errors';
import {
  DuplicateOpdrachtgeverError,
  findOpdrachtgever,
  insertOpdrachtgever,
  listOpdrachtgevers,
  updateOpdrachtgever,
  type Opdrachtgever,
} from './opdrachtgever.repository';
import { findOrganisation } from './organisation.repository';
import { storedOpdrachtgeverOverridesSchema, type VariantBody } from './schema';
import { defaultOpdrachtgever, recordTariffChanges, settingsOfOpdrachtgever } from './settings';

/** Use cases of the opdrachtgevers API (SPEC §4.1): list, create, update, put a variant. */

async function organisationOverrides(context: AppContext, orgId: string) {
  const organisation = await findOrganisation(context.db, orgId);
  if (!organisation) throw new NotFoundError('Organisation');
  return organisation.settingsOverrides;
}

export function presentOpdrachtgever(
  opdrachtgever: Opdrachtgever,
  organisationLayer: Record<string, unknown>,
) {
  const settings = settingsOfOpdrachtgever(organisationLayer, opdrachtgever);
  return {
    id: opdrachtgever.id,
    name: opdrachtgever.name,
    gemeentecode: opdrachtgever.gemeentecode,
    catalogue: catalogueCodes(settings).map((code) => settings.products[code]!),
    overrides: opdrachtgever.settingsOverrides,
    tariffHistory: opdrachtgever.tariffHistory,
  };
}

export async function listOpdrachtgeverViews(context: AppContext, orgId: string) {
  await defaultOpdrachtgever(context, orgId); // an organisation always has one
  const layer = await organisationOverrides(context, orgId);
  const items = await listOpdrachtgevers(context.db, orgId);
  return { items: items.map((item) => presentOpdrachtgever(item, layer)) };
}

function duplicateName(error: unknown): never {
  if (error instanceof DuplicateOpdrachtgeverError)
    throw new ConflictError('An opdrachtgever of that name exists', [
      { field: 'name', message: 'already exists' },
    ]);
  throw error;
}

export async function createOpdrachtgever(
  context: AppContext,
  user: AuthUser,
  input: { name: string; gemeentecode: string },
) {
  const layer = await organisationOverrides(context, user.orgId);
  const created = await insertOpdrachtgever(context.db, {
    orgId: user.orgId,
    name: input.name,
    gemeentecode: input.gemeentecode,
    tariffs: tariffsOf(resolveSettings(layer)),
    now: context.clock.now(),
  }).catch(duplicateName);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'opdrachtgever.create',
    details: { opdrachtgeverId: created.id, gemeentecode: input.gemeentecode },
  });
  return presentOpdrachtgever(created, layer);
}

async function mustFind(context: AppContext, orgId: string, id: string) {
  const found = await findOpdrachtgever(context.db, orgId, id);
  if (!found) throw new NotFoundError('Opdrachtgever');
  return found;
}

/** Stores a new overrides layer, then dates any tariff it changed from now (SPEC §4.1). */
async function saveLayer(
  context: AppContext,
  user: AuthUser,
  opdrachtgever: Opdrachtgever,
  change: { name?: string; gemeentecode?: string; overrides?: Record<string, unknown> },
  audit: Record<string, unknown>,
) {
  await updateOpdrachtgever(context.db, opdrachtgever.id, {
    name: change.name,
    gemeentecode: change.gemeentecode,
    settingsOverrides: change.overrides,
  }).catch(duplicateName);
  const now = context.clock.now();
  await recordTariffChanges(context, user.orgId, now);
  await recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'opdrachtgever.update',
    details: { opdrachtgeverId: opdrachtgever.id, ...audit },
  });
  const layer = await organisationOverrides(context, user.orgId);
  return presentOpdrachtgever(await mustFind(context, user.orgId, opdrachtgever.id), layer);
}

export async function updateOpdrachtgeverSettings(
  context: AppContext,
  user: AuthUser,
  id: string,
  input: {
    name?: string;
    gemeentecode?: string;
    products?: Record<string, Record<string, unknown>>;
  },
) {
  const current = await mustFind(context, user.orgId, id);
  const stored = storedOpdrachtgeverOverridesSchema.parse(current.settingsOverrides);
  let overrides: Record<string, unknown> | undefined;
  if (input.products) {
    const products: Record<string, Record<string, unknown>> = { ...stored.products };
    for (const [code, fields] of Object.entries(input.products))
      products[code] = { ...products[code], ...fields };
    overrides = { ...stored, products };
  }
  return saveLayer(
    context,
    user,
    current,
    { name: input.name, gemeentecode: input.gemeentecode, overrides },
    { change: input },
  );
}

export async function putVariant(
  context: AppContext,
  user: AuthUser,
  id: string,
  code: string,
  variant: VariantBody,
) {
  const current = await mustFind(context, user.orgId, id);
  const stored = storedOpdrachtgeverOverridesSchema.parse(current.settingsOverrides);
  const variants = (stored.variants ?? []).filter((existing) => existing.code !== code);
  variants.push({ ...variant, code });
  return saveLayer(
    context,
    user,
    current,
    { overrides: { ...stored, variants } },
    { variant: { code, ...variant } },
  );
}
