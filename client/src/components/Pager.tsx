import { nl } from '../i18n/nl';

/** Previous / "page X of Y" / next, for lists whose page lives in the URL. */
export function Pager(props: { page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <nav className="pager" aria-label={nl.caseload.paging}>
      <button
        type="button"
        className="button button--secondary"
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        {nl.caseload.previous}
      </button>
      <span>{nl.caseload.page(props.page, props.pages)}</span>
      <button
        type="button"
        className="button button--secondary"
        disabled={props.page >= props.pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        {nl.caseload.next}
      </button>
    </nav>
  );
}
