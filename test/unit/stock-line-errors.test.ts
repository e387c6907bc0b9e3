import { describe, expect, it } from 'vitest';
import { withoutLine } from '../../src/renderer/src/features/stock/line-errors';

describe('the stock screens’ line fields', () => {
  it('removing a delivery line drops its errors and moves the next lines’ errors up with them', () => {
    const errors = { 'lines.0.quantity': 'Obligatoire', 'lines.1.unitCostMinor': 'Montant non valide', 'lines.2.unitCostMinor': 'Montant non valide', 'lines.2.expiry': 'Date', supplierId: 'Fournisseur' };
    expect(withoutLine(errors, 1)).toEqual({ 'lines.0.quantity': 'Obligatoire', 'lines.1.unitCostMinor': 'Montant non valide', 'lines.1.expiry': 'Date', supplierId: 'Fournisseur' });
    expect(withoutLine(errors, 0)).toEqual({ 'lines.0.unitCostMinor': 'Montant non valide', 'lines.1.unitCostMinor': 'Montant non valide', 'lines.1.expiry': 'Date', supplierId: 'Fournisseur' });
    expect(withoutLine({}, 3)).toEqual({});
  });
});
