import { describe, expect, it } from 'vitest';
import { lotsLeft, type LotMove } from '../../src/main/services/alerts/lots';

const m = (kind: string, units: number, lot: string | null = null, expiry: string | null = null, day = '2026-05-01'): LotMove => ({ kind, milli: units * 1000, lot, expiry, day });
const left = (moves: LotMove[]) => lotsLeft(moves).map((l) => `${l.lot} ${l.expiry} ${l.milli / 1000}`);

describe('which lots are left in the shop (FEFO)', () => {
  it('sales and losses take the lot that expires first, whatever the order it came in', () => {
    expect(left([m('receipt', 20, 'LONG', '2027-03-31'), m('receipt', 5, 'SHORT', '2026-06-10'), m('sale', -3)])).toEqual(['SHORT 2026-06-10 2', 'LONG 2027-03-31 20']);
    expect(left([m('receipt', 20, 'LONG', '2027-03-31'), m('receipt', 5, 'SHORT', '2026-05-20'), m('loss', -5, null, null, '2026-05-21')])).toEqual(['LONG 2027-03-31 20']);
  });

  it('a return or a loss naming its lot takes that lot; beyond it, the earliest expiry', () => {
    const moves = [m('receipt', 5, 'A', '2026-06-01'), m('receipt', 6, 'RECALL', '2026-07-01'), m('receipt', 10, 'C', '2026-08-01')];
    expect(left([...moves, m('supplier_return', -6, 'RECALL')])).toEqual(['A 2026-06-01 5', 'C 2026-08-01 10']);
    expect(left([...moves, m('supplier_return', -8, 'RECALL')])).toEqual(['A 2026-06-01 3', 'C 2026-08-01 10']);
  });

  it('a sale does not take a lot already expired on its day; a customer return goes back to the lot sold last', () => {
    const moves = [m('receipt', 4, 'OLD', '2026-05-15'), m('receipt', 10, 'NEW', '2026-09-01'), m('sale', -3, null, null, '2026-05-16')];
    expect(left(moves)).toEqual(['OLD 2026-05-15 4', 'NEW 2026-09-01 7']);
    expect(left([...moves, m('customer_return', 1, null, null, '2026-05-17')])).toEqual(['OLD 2026-05-15 4', 'NEW 2026-09-01 8']);
  });

  it('a lot number matches whatever its case and spacing: a recall typed « l-rappel » comes off « L-RAPPEL », shown as first received', () => {
    const moves = [m('receipt', 5, 'L-RAPPEL', '2026-09-20'), m('receipt', 5, 'L-OK', '2026-09-10'), m('receipt', 2, ' l-rappel ', '2026-09-20')];
    expect(left(moves)).toEqual(['L-OK 2026-09-10 5', 'L-RAPPEL 2026-09-20 7']);
    expect(left([...moves, m('supplier_return', -5, 'l-rappel')])).toEqual(['L-OK 2026-09-10 5', 'L-RAPPEL 2026-09-20 2']);
    expect(left([m('receipt', 4, 'AB  12', '2026-09-20'), m('loss', -1, 'ab 12')])).toEqual(['AB  12 2026-09-20 3']);
  });

  it('a lot of one delivery in two parts is summed; stock of unknown lot is never named and is taken after the dated lots', () => {
    expect(left([m('receipt', 6, 'L7', '2026-03-20'), m('receipt', 6, 'L7', '2026-03-20')])).toEqual(['L7 2026-03-20 12']);
    expect(left([m('receipt', 3), m('receipt', 4, 'D', '2026-06-01'), m('sale', -5)])).toEqual([]);
    expect(left([m('receipt', 3), m('receipt', 4, 'D', '2026-06-01'), m('sale', -2)])).toEqual(['D 2026-06-01 2']);
  });

  it('what was sold with nothing on the shelf is taken from the next delivery', () => {
    expect(left([m('sale', -2), m('receipt', 5, 'E', '2026-06-01')])).toEqual(['E 2026-06-01 3']);
  });
});
