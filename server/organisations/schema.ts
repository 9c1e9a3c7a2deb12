import { z } from 'zod';
import {
  CATALOGUE_CODE_PATTERN,
  isProductCode,
  PRODUCT_CODES,
  PRODUCT_FAMILIES,
} from '../../machines';
import { errorResponses, json, registry } from '../openapi/registry';

const productCode = z.enum(PRODUCT_CODES);

/** What a beheerder may change per product; the machine family and Stabiel trede are fixed by the code. */
const productOverrideSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean(),
    limitMonths: z.number().int().min(1).max(36),
    reviewMonths: z.number().int().min(1).max(24),
    tariffCentsPerHour: z.number().int().min(0).max(100000),
    maxExtensionsPerStep: z.number().int().min(0).max(5),
  })
  .partial()
  .strict();

const days = z.number().int().min(1).max(730);
const signalOverrideSchema = z
  .object({
    deadlineNearDays: days,
    noActivityDays: days,
    dropoutUnresolvedDays: days,
    suspendedLongDays: days,
    waitingStartDays: days,
    relapseDays: days,
    decisionPendingDays: days,
    assessmentDueMonths: z.number().int().min(1).max(24),
  })
  .partial()
  .strict();

export const settingsOverridesSchema = z
  .object({
    products: z.partialRecord(productCode, productOverrideSchema),
    signals: signalOverrideSchema,
  })
  .partial()
  .strict();

export type SettingsOverrides = z.infer<typeof settingsOverridesSchema>;

const productSettingsView = z.object({
  code: z.string(),
  name: z.string(),
  machineId: z.string(),
  enabled: z.boolean(),
  limitMonths: z.number().nullable(),
  reviewMonths: z.number().nullable(),
  stabielTrede: z.number().nullable(),
  tariffCentsPerHour: z.number(),
  maxExtensionsPerStep: z.number(),
});
export const organisationSettingsView = z.object({
  products: z.record(z.string(), productSettingsView),
  signals: z.record(z.string(), z.number()),
});
export const settingsView = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  settings: organisationSettingsView,
  overrides: settingsOverridesSchema,
});

registry.registerPath({
  method: 'get',
  path: '/settings',
  summary:
    "Your organisation's catalogue, tariffs and signal thresholds (defaults merged with its overrides)",
  responses: {
    200: { description: 'Settings', ...json(settingsView) },
    ...errorResponses(401, 403),
  },
});
registry.registerPath({
  method: 'patch',
  path: '/settings',
  summary:
    'Change overrides (beheerder); applies to trajectories created afterwards, running ones keep their terms',
  request: { body: json(settingsOverridesSchema) },
  responses: {
    200: { description: 'Settings', ...json(settingsView) },
    ...errorResponses(400, 401, 403),
  },
});

// --- Opdrachtgevers and their catalogues (SPEC §4.1) ---------------------------------------------

const catalogueCode = z
  .string()
  .max(40)
  .regex(CATALOGUE_CODE_PATTERN, 'capitals, digits and hyphens, e.g. STA-3-PLUS');
const gemeentecode = z
  .string()
  .regex(/^GM\d{4}$/, 'a CBS gemeentecode: GM and four digits, e.g. GM0202')
  .openapi({ example: 'GM0202' });

/** A variant: its own code, name and tariff, run by one machine family with its parameters. */
export const variantBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    family: z.enum(PRODUCT_FAMILIES),
    tariffCentsPerHour: z.number().int().min(0).max(100000),
    enabled: z.boolean().optional(),
    stabielTrede: z.number().int().min(2).max(4).optional(),
    limitMonths: z.number().int().min(1).max(36).optional(),
    reviewMonths: z.number().int().min(1).max(24).optional(),
    maxExtensionsPerStep: z.number().int().min(0).max(5).optional(),
  })
  .strict()
  .superRefine((variant, ctx) => {
    if (variant.family === 'STA' && variant.stabielTrede === undefined)
      ctx.addIssue({ code: 'custom', path: ['stabielTrede'], message: 'required for family STA' });
    if (variant.family !== 'STA' && variant.stabielTrede !== undefined)
      ctx.addIssue({ code: 'custom', path: ['stabielTrede'], message: 'only for family STA' });
    if (variant.family === 'STA' && variant.limitMonths !== undefined)
      ctx.addIssue({ code: 'custom', path: ['limitMonths'], message: 'Stabiel has no limit' });
    if (variant.family !== 'STA' && variant.reviewMonths !== undefined)
      ctx.addIssue({ code: 'custom', path: ['reviewMonths'], message: 'only for family STA' });
  })
  .openapi('ProductVariant');

export type VariantBody = z.infer<typeof variantBodySchema>;

export const variantParamsSchema = z.object({
  id: z.string(),
  code: catalogueCode.refine((code) => !isProductCode(code), 'a built-in product code'),
});

/** An opdrachtgever's own layer: products (built-in or its variants) field by field. */
const opdrachtgeverProductsSchema = z.record(catalogueCode, productOverrideSchema);

export const createOpdrachtgeverBodySchema = z
  .object({ name: z.string().trim().min(1).max(120), gemeentecode })
  .strict()
  .openapi('CreateOpdrachtgever');

export const updateOpdrachtgeverBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    gemeentecode,
    products: opdrachtgeverProductsSchema,
  })
  .partial()
  .strict()
  .openapi('UpdateOpdrachtgever');

export const storedOpdrachtgeverOverridesSchema = z
  .object({
    products: opdrachtgeverProductsSchema.optional(),
    variants: z.array(variantBodySchema.and(z.object({ code: catalogueCode }))).optional(),
  })
  .loose();

export const opdrachtgeverView = z
  .object({
    id: z.string(),
    name: z.string(),
    gemeentecode: z.string().nullable(),
    catalogue: z.array(z.unknown()),
    overrides: z.unknown(),
    tariffHistory: z.array(
      z.object({ from: z.string().nullable(), tariffs: z.record(z.string(), z.number()) }),
    ),
  })
  .openapi('Opdrachtgever');

registry.registerPath({
  method: 'get',
  path: '/opdrachtgevers',
  summary:
    'The organisation’s opdrachtgevers, each with its resolved catalogue (defaults → organisation → opdrachtgever) and dated tariffs',
  responses: {
    200: {
      description: 'Opdrachtgevers',
      ...json(z.object({ items: z.array(opdrachtgeverView) })),
    },
    ...errorResponses(401),
  },
});
registry.registerPath({
  method: 'post',
  path: '/opdrachtgevers',
  summary: 'New opdrachtgever (beheerder)',
  request: { body: json(createOpdrachtgeverBodySchema) },
  responses: {
    201: { description: 'Created', ...json(opdrachtgeverView) },
    ...errorResponses(400, 401, 403, 409),
  },
});
registry.registerPath({
  method: 'patch',
  path: '/opdrachtgevers/{id}',
  summary:
    'Rename, set the gemeentecode or override products (beheerder). A tariff change applies from now on: earlier contacts keep the tariff of their date; running trajectories keep their limits.',
  request: { params: z.object({ id: z.string() }), body: json(updateOpdrachtgeverBodySchema) },
  responses: {
    200: { description: 'Updated', ...json(opdrachtgeverView) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
registry.registerPath({
  method: 'put',
  path: '/opdrachtgevers/{id}/variants/{code}',
  summary:
    'Add or replace a product variant of this opdrachtgever (beheerder), e.g. STA-3-PLUS on the Stabiel machine',
  request: { params: variantParamsSchema, body: json(variantBodySchema) },
  responses: {
    200: { description: 'Updated', ...json(opdrachtgeverView) },
    ...errorResponses(400, 401, 403, 404),
  },
});
