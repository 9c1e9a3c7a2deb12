import { z } from 'zod';

/**
 * Names people type (case display names, team names, user names; hole 6). Normalised to NFC so one
 * name has one spelling in storage, trimmed, and refused when they hold control characters
 * (NUL, CR/LF, …), format characters (zero-width spaces and joiners, the bidirectional overrides
 * U+202A–U+202E and isolates U+2066–U+2069, BOM), private-use or lone surrogate code points, or no
 * visible character at all.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function nameText(max: number) {
  return z
    .string()
    .max(max * 4) // before normalising: bound the work on hostile input
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine(
          (value) => !FORBIDDEN.test(value),
          'must not contain control or invisible characters',
        )
        .refine((value) => VISIBLE.test(value), 'must contain a visible character'),
    );
}

/**
 * The form two names are compared in (team names, client numbers): NFKC folds compatibility
 * characters (full-width letters, ligatures) and lower case folds case, so `Team Noord`,
 * `TEAM NOORD` and `Ｔｅａｍ Ｎｏｏｒｄ` are one name.
 */
export function comparisonKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().trim();
}
