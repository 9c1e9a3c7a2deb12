import { z } from 'zod';
import { PRODUCT_CODES } from '../../machines';
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
const settingsView = z.object({
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
