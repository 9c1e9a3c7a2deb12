import { withFilterChanges } from './url-filters';

describe('withFilterChanges', () => {
  it('sets and removes filters, and returns to page 1 unless the page itself changes', () => {
    const params = new URLSearchParams('signaal=RELAPSE&pagina=3&q=an');
    expect(withFilterChanges(params, { signaal: '', product: 'ONT' }, 'pagina').toString()).toBe(
      'q=an&product=ONT',
    );
    expect(withFilterChanges(params, { pagina: '4' }, 'pagina').get('pagina')).toBe('4');
    expect(withFilterChanges(params, { q: 'bo' }).get('pagina')).toBe('3');
    expect(params.toString()).toBe('signaal=RELAPSE&pagina=3&q=an'); // not changed in place
  });
});
