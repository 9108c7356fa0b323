import { z } from 'zod';
import { closeBidi } from './bidi';
import { emptyToUndefined, zCountry, zHttpUrl, zIsoDate, zOptionalText } from './common';

export const ZPositionInput = z
  .object({
    title: z.string().trim().overwrite(closeBidi).min(1, 'Enter the title of the office').max(200),
    officeKey: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}:[A-Z0-9_]+$/, 'Use COUNTRY:OFFICE, e.g. US:SECDEF')
      .meta({ description: 'COUNTRY:OFFICE, the country being the official’s.', examples: ['US:SECDEF'] }),
    organisation: zOptionalText(200),
    startDate: zIsoDate,
    endDate: z.preprocess(emptyToUndefined, zIsoDate.optional()).describe('Leave out while the tenure is current.'),
  })
  .refine((p) => p.endDate === undefined || p.endDate >= p.startDate, {
    path: ['endDate'],
    message: 'A tenure cannot end before it starts',
  })
  .meta({ id: 'PositionInput' });
export type PositionInput = z.infer<typeof ZPositionInput>;

export const ZOfficialInput = z
  .object({
    name: z.string().trim().overwrite(closeBidi).min(2, 'Enter the official’s name').max(200),
    country: zCountry,
    otherNames: z
      .array(z.string().trim().overwrite(closeBidi).min(1).max(200))
      .max(50)
      .default([])
      .describe('Other spellings and transliterations, found by search.'),
    wikidataId: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^Q[1-9]\d*$/, 'A Wikidata id looks like Q23460')
        .optional(),
    ),
    photoUrl: z.preprocess(emptyToUndefined, zHttpUrl.optional()),
    bio: zOptionalText(2000),
    links: z.array(zHttpUrl).max(20).default([]),
    positions: z.array(ZPositionInput).max(50).default([]),
  })
  .superRefine((official, ctx) => {
    official.positions.forEach((position, i) => {
      if (!position.officeKey.startsWith(`${official.country}:`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['positions', i, 'officeKey'],
          message: `An office of a ${official.country} official starts with ${official.country}:`,
        });
      }
    });
  })
  .meta({ id: 'OfficialInput', description: 'An official to add.' });
export type OfficialInput = z.infer<typeof ZOfficialInput>;
