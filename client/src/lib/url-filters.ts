/**
 * A page's filters live in the URL (bookmarkable, shareable): `params` with `changes` applied, an
 * empty value removing its key. A list starts at page 1 again unless the change is the page itself.
 */
export function withFilterChanges(
  params: URLSearchParams,
  changes: Record<string, string>,
  pageKey?: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  if (pageKey && !(pageKey in changes)) next.delete(pageKey);
  return next;
}
