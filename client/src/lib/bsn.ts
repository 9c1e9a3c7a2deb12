/**
 * The elfproef for a BSN (9 digits; 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11), so the form can
 * say so before the server does (the server checks it again).
 */
export function passesElfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.reduce(
    (total, digit, index) => total + digit * (index === 8 ? -1 : 9 - index),
    0,
  );
  return sum % 11 === 0 && !/^0+$/.test(bsn);
}
