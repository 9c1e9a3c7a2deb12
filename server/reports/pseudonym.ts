import crypto from 'node:crypto';

/**
 * Exports never carry a case id, client number, name or BSN (SPEC §2.5, §3). A participant is a
 * keyed hash of organisation and case: stable across exports, so policy staff can follow one
 * person's steps over time (duurzame uitstroom, re-entry), and meaningless without TREDE_SECRET.
 */
export function participantPseudonym(secret: string, orgId: string, caseId: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`participant:${orgId}:${caseId}`)
    .digest('base64url')
    .slice(0, 16);
}
