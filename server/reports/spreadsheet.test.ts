import { stringify as stringifyStream } from 'csv-stringify';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CSV_BATCH_ROWS, escapeCell, writeSheetCsv, type SheetColumn } from './spreadsheet';

/**
 * SPEC §4: every text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
 * `'`. Names with a tab or CR never reach an export through the API (http/text.ts refuses control
 * characters, notes and reasons are trimmed), so the last two are proven here, at the writer.
 */
describe('escapeCell (CSV/formula injection)', () => {
  it.each(['=HYPERLINK("http://x")', '+31', '-2+3', '@SUM(A1)', '\tWest', '\rMidden'])(
    'writes %j with a leading quote',
    (text) => {
      expect(escapeCell(text)).toBe(`'${text}`);
    },
  );

  it.each(['Noord', "'al veilig", '3 = 3', 'a-b', ''])('leaves %j as typed', (text) => {
    expect(escapeCell(text)).toBe(text);
  });
});

interface Sample {
  name: string;
  amount: number;
}

const COLUMNS: Array<SheetColumn<Sample>> = [
  { header: 'naam', value: (row) => row.name },
  { header: 'bedrag', value: (row) => row.amount, kind: 'decimal2' },
  { header: '=kop', value: (row) => Math.round(row.amount) },
];

/** Texts that csv-stringify must quote or that the writer must escape, cycled over the rows. */
const NAMES = ['Noord', 'a;b', 'zeg "hallo"', 'regel\r\nregel', 'alleen\nLF', '=1+1', 'Zuïd', ''];

function samples(count: number): Sample[] {
  return Array.from({ length: count }, (_, index) => ({
    name: NAMES[index % NAMES.length]!,
    amount: index * 1.255,
  }));
}

function collect(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** What the writer produced before decision 053: every row through csv-stringify's stream. */
async function streamedReference(rows: Sample[]): Promise<string> {
  const csv = stringifyStream({
    delimiter: ';',
    bom: true,
    header: true,
    columns: COLUMNS.map((column) => escapeCell(column.header)),
    record_delimiter: 'windows',
  });
  const { out, text } = collect();
  const cells = rows.map((row) =>
    COLUMNS.map((column) => {
      const value = column.value(row);
      if (typeof value !== 'number') return escapeCell(value);
      return column.kind === 'decimal2' ? value.toFixed(2).replace('.', ',') : String(value);
    }),
  );
  await pipeline(Readable.from(cells), csv, out);
  return text();
}

describe('writeSheetCsv in batches (decision 053)', () => {
  it('writes BOM, header, `;`, CRLF, quoting, escaping and the decimal comma', async () => {
    const { out, text } = collect();
    await writeSheetCsv(samples(4), COLUMNS, out, 3);
    expect(text()).toBe(
      "\uFEFFnaam;bedrag;'=kop\r\n" +
        'Noord;0,00;0\r\n' +
        '"a;b";1,25;1\r\n' +
        '"zeg ""hallo""";2,51;3\r\n' +
        '"regel\r\nregel";3,76;4\r\n',
    );
  });

  it.each([0, 1, 2, 3, 4, 7, 9, 1000])(
    'writes %i rows byte for byte as the streamed writer did, in batches of 3 and the default',
    async (count) => {
      const expected = await streamedReference(samples(count));
      for (const batchRows of [3, CSV_BATCH_ROWS]) {
        const { out, text } = collect();
        await expect(writeSheetCsv(samples(count), COLUMNS, out, batchRows)).resolves.toBe(count);
        expect(text()).toBe(expected);
      }
    },
  );

  it('reads no further ahead of a consumer that stopped than a few batches', async () => {
    let read = 0;
    async function* source(): AsyncGenerator<Sample> {
      for (let index = 0; index < 100_000; index += 1) {
        read += 1;
        yield { name: `deelnemer ${index}`, amount: index };
      }
    }
    // A download that never acknowledges a write: only backpressure stops the reading.
    const stalled = new Writable({ highWaterMark: 1024, write: () => undefined });
    const writing = writeSheetCsv(source(), COLUMNS, stalled, 100);
    for (let turn = 0; turn < 200; turn += 1) await new Promise((done) => setImmediate(done));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(10 * 100);
    stalled.destroy();
    await expect(writing).rejects.toThrow();
  });
});
