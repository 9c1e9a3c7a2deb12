/** @jest-environment jsdom */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DEFAULT_SETTINGS, type ProductSettings } from '../../../../machines';
import type { EventBody } from '../../lib/api-types';
import { ActionForm, type ActionFormProps } from './ActionForm';

afterEach(cleanup);

const now = new Date('2026-06-10T10:00:00.000Z');

function renderForm(overrides: Partial<ActionFormProps> = {}) {
  const sent: EventBody[] = [];
  render(
    <ActionForm
      type="RECORD_CONTACT"
      expectedVersion={4}
      notBefore="2026-05-01T08:00:00.000Z"
      now={now}
      serverErrors={{}}
      busy={false}
      onSubmit={(body) => sent.push(body)}
      onCancel={() => undefined}
      {...overrides}
    />,
  );
  return sent;
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
const errorOf = (label: string) => {
  const control = screen.getByLabelText(label);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('ActionForm', () => {
  it('defaults the date to today and sends today as the moment of recording', () => {
    const sent = renderForm();
    expect((screen.getByLabelText('Datum') as HTMLInputElement).value).toBe('10-06-2026');
    fireEvent.change(screen.getByLabelText('Verslag'), { target: { value: 'Gebeld' } });
    fireEvent.change(screen.getByLabelText('Duur in minuten (optioneel)'), {
      target: { value: '15' },
    });
    save();
    expect(sent).toEqual([
      {
        type: 'RECORD_CONTACT',
        occurredAt: now.toISOString(),
        expectedVersion: 4,
        note: 'Gebeld',
        minutes: 15,
      },
    ]);
  });

  it('allows backdating: an earlier day is sent as that date', () => {
    const sent = renderForm();
    fireEvent.change(screen.getByLabelText('Datum'), { target: { value: '20-05-2026' } });
    fireEvent.change(screen.getByLabelText('Verslag'), {
      target: { value: 'Achteraf vastgelegd' },
    });
    save();
    expect(sent[0]).toMatchObject({ occurredAt: '2026-05-20' });
  });

  it('says in Dutch what is wrong and sends nothing', () => {
    const sent = renderForm();
    fireEvent.change(screen.getByLabelText('Datum'), { target: { value: '11-06-2026' } });
    fireEvent.change(screen.getByLabelText('Duur in minuten (optioneel)'), {
      target: { value: '0' },
    });
    save();
    expect(sent).toEqual([]);
    expect(errorOf('Datum')).toContain('De datum mag niet in de toekomst liggen.');
    expect(errorOf('Verslag')).toContain('Dit veld is verplicht.');
    expect(errorOf('Duur in minuten (optioneel)')).toContain('van 1 tot en met 600');
    expect(screen.getByLabelText('Verslag').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByLabelText('Datum'), { target: { value: '30-04-2026' } });
    save();
    expect(errorOf('Datum')).toContain(
      'De datum mag niet vóór de vorige gebeurtenis liggen (01-05-2026).',
    );
  });

  it("shows the server's 400 message on the field it names", () => {
    renderForm({
      serverErrors: { occurredAt: 'De datum ligt vóór de vorige gebeurtenis of meting.' },
    });
    expect(errorOf('Datum')).toContain('De datum ligt vóór de vorige gebeurtenis of meting.');
    expect(errorOf('Verslag')).toBe('');
  });

  it('asks for the payload of each event type: an assessment sends its trede as a number', () => {
    const sent = renderForm({ type: 'ASSESS_TREDE' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toContain(
      '3 — Deelname aan georganiseerde activiteiten',
    );
    save();
    expect(errorOf('Gemeten trede')).toContain('Dit veld is verplicht.');
    fireEvent.change(screen.getByLabelText('Gemeten trede'), { target: { value: '3' } });
    save();
    expect(sent).toEqual([
      { type: 'ASSESS_TREDE', occurredAt: now.toISOString(), expectedVersion: 4, trede: 3 },
    ]);
  });

  it('a review that closes asks for an outcome before anything is sent (SPEC §2.3)', () => {
    const sent = renderForm({ type: 'REVIEW' });
    fireEvent.change(screen.getByLabelText('Besluit'), { target: { value: 'close' } });
    save();
    expect(sent).toEqual([]);
    expect(errorOf('Uitkomst (bij afsluiten)')).toContain('Dit veld is verplicht.');
    expect(screen.queryByRole('option', { name: 'Doel bereikt' })).toBeNull(); // Stabiel never closes as goalReached
    fireEvent.change(screen.getByLabelText('Uitkomst (bij afsluiten)'), {
      target: { value: 'moved' },
    });
    save();
    expect(sent).toEqual([
      expect.objectContaining({ type: 'REVIEW', decision: 'close', outcome: 'moved' }),
    ]);
  });
});

describe('ActionForm CONCLUDE: follow-up product (decision 032)', () => {
  const builtIn = DEFAULT_SETTINGS.products;
  const variant = (code: string, of: ProductSettings, enabled = true): ProductSettings => ({
    ...of,
    code,
    name: `${of.name} plus`,
    enabled,
    variantOf: of.code as ProductSettings['variantOf'],
  });
  const catalogue: ProductSettings[] = [
    ...Object.values(builtIn).filter((product): product is ProductSettings => !!product),
    variant('STA-3-PLUS', builtIn['STA-3']!),
    variant('STA-3-UIT', builtIn['STA-3']!, false),
  ];
  const conclude = (trede: string, route: string) => {
    fireEvent.change(screen.getByLabelText('Vastgestelde trede'), { target: { value: trede } });
    fireEvent.change(screen.getByLabelText('Vervolgroute'), { target: { value: route } });
  };
  const followUp = () => screen.queryByLabelText('Vervolgproduct') as HTMLSelectElement | null;

  it('offers the choice only when the route has more than one enabled product', () => {
    renderForm({ type: 'CONCLUDE', followUpCatalogue: catalogue });
    conclude('2', 'stabiel');
    expect(followUp()).toBeNull(); // only STA-2
    conclude('3', 'ontwikkeltraject');
    expect(followUp()).toBeNull(); // only ONT
    conclude('3', 'stabiel');
    expect([...followUp()!.options].map((option) => [option.value, option.textContent])).toEqual([
      ['', `Standaard: ${builtIn['STA-3']!.name}`],
      ['STA-3-PLUS', `${builtIn['STA-3']!.name} plus (STA-3-PLUS)`],
    ]);
  });

  it('sends the chosen variant, and nothing when the default is kept', () => {
    const sent = renderForm({ type: 'CONCLUDE', followUpCatalogue: catalogue });
    conclude('3', 'stabiel');
    save();
    expect(sent[0]).not.toHaveProperty('followUpProduct');
    fireEvent.change(followUp()!, { target: { value: 'STA-3-PLUS' } });
    save();
    expect(sent[1]).toMatchObject({ type: 'CONCLUDE', trede: 3, route: 'stabiel' });
    expect(sent[1]).toHaveProperty('followUpProduct', 'STA-3-PLUS');
    // A route change drops a choice that no longer fits.
    conclude('3', 'zelfstandig');
    save();
    expect(sent[2]).not.toHaveProperty('followUpProduct');
  });

  it('requires a choice when the built-in is not offered and several variants are', () => {
    const noBuiltIn = catalogue
      .map((product) => (product.code === 'ONT' ? { ...product, enabled: false } : product))
      .concat(variant('ONT-KORT', builtIn.ONT!), variant('ONT-LANG', builtIn.ONT!));
    const sent = renderForm({ type: 'CONCLUDE', followUpCatalogue: noBuiltIn });
    conclude('2', 'ontwikkeltraject');
    expect([...followUp()!.options].map((option) => option.value)).toEqual([
      '',
      'ONT-KORT',
      'ONT-LANG',
    ]);
    save();
    expect(sent).toEqual([]);
    expect(errorOf('Vervolgproduct')).toContain('Dit veld is verplicht.');
    fireEvent.change(followUp()!, { target: { value: 'ONT-LANG' } });
    save();
    expect(sent[0]).toHaveProperty('followUpProduct', 'ONT-LANG');
  });
});
