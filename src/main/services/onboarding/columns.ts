import { foldForSearch } from '../text';
import { fileIssue } from './issues';

export type ImportKind = 'products' | 'suppliers' | 'stock' | 'sales';

export type Field =
  | 'sku'
  | 'name'
  | 'category'
  | 'barcode'
  | 'price'
  | 'cost'
  | 'unit'
  | 'vat'
  | 'supplier'
  | 'packSize'
  | 'minOrder'
  | 'leadTime'
  | 'stock'
  | 'product'
  | 'date'
  | 'qty'
  | 'lot'
  | 'expiry'
  | 'contact'
  | 'phone'
  | 'email'
  | 'address'
  | 'active'
  | 'tracksExpiry'
  | 'netContent';

/**
 * Header names (folded: lower case, no accents, punctuation as spaces) that mean each field, the most
 * telling first: when several columns could be a field, the one matching an earlier name wins (a
 * product is found by « Référence » rather than by « Désignation », its name).
 */
const SYNONYMS: Record<Field, string[]> = {
  sku: ['sku', 'ref', 'reference', 'ref article', 'reference article', 'code article', 'code produit', 'code', 'item id', 'item code', 'product code', 'product id', 'article id', 'id article', 'id produit', 'id'],
  name: ['designation', 'libelle', 'nom', 'nom produit', 'nom du produit', 'produit', 'article', 'description', 'name', 'product', 'product name', 'item', 'item name', 'intitule'],
  category: ['categorie', 'famille', 'rayon', 'sous famille', 'category', 'department', 'family', 'group', 'groupe'],
  barcode: ['code barres', 'code barre', 'codes barres', 'codebarre', 'codebarres', 'ean', 'ean13', 'ean 13', 'gencod', 'gtin', 'upc', 'barcode', 'bar code'],
  price: ['prix de vente', 'prix vente', 'pv', 'pvc', 'prix', 'prix ttc', 'prix de vente ttc', 'prix unitaire', 'pu', 'price', 'sale price', 'selling price', 'retail price', 'unit price', 'tarif'],
  cost: ['prix d achat', 'prix achat', 'pa', 'cout', 'cout unitaire', 'prix de revient', 'pr', 'cost', 'unit cost', 'cost price', 'purchase price', 'pump'],
  unit: ['unite', 'unit', 'uom', 'unite de vente'],
  vat: ['tva', 'taux tva', 'taux de tva', 'vat', 'tax', 'taxe', 'vat rate'],
  supplier: ['fournisseur', 'supplier', 'vendor', 'nom fournisseur'],
  packSize: ['colisage', 'conditionnement', 'pack', 'pack size', 'carton', 'unites par carton', 'case size'],
  minOrder: ['minimum de commande', 'qte min', 'quantite minimum', 'commande minimum', 'moq', 'min order', 'minimum order'],
  leadTime: ['delai', 'delai de livraison', 'delai livraison', 'delai jours', 'lead time', 'lead time days', 'leadtime'],
  stock: ['stock', 'stock actuel', 'quantite en stock', 'qte en stock', 'qte stock', 'en stock', 'on hand', 'qty on hand', 'stock on hand', 'end stock', 'stock fin de journee'],
  product: ['item id', 'item', 'sku', 'ref', 'reference', 'ref article', 'reference article', 'code article', 'code produit', 'code', 'article', 'produit', 'product', 'product id', 'product code', 'id article', 'designation', 'code barres', 'ean'],
  date: ['date', 'jour', 'date de vente', 'date vente', 'day', 'sale date', 'ds'],
  qty: ['quantite', 'qte', 'qty', 'quantity', 'quantite vendue', 'qte vendue', 'ventes', 'vendu', 'vendus', 'sold', 'sales', 'units', 'unites', 'nombre', 'nb', 'y'],
  lot: ['lot', 'n lot', 'no lot', 'numero de lot', 'num lot', 'batch', 'batch number', 'lot number'],
  expiry: ['date de peremption', 'peremption', 'date peremption', 'dlc', 'dluo', 'ddm', 'expiry', 'expiry date', 'expiration', 'expiration date', 'exp', 'best before', 'date limite'],
  contact: ['contact', 'interlocuteur', 'nom du contact', 'contact name'],
  phone: ['telephone', 'tel', 'tel portable', 'portable', 'mobile', 'phone', 'gsm', 'numero'],
  email: ['email', 'e mail', 'courriel', 'mail', 'adresse email', 'adresse e mail'],
  address: ['adresse', 'address', 'ville', 'localisation'],
  active: ['actif', 'active', 'en vente', 'is active', 'enabled'],
  tracksExpiry: ['suivi peremption', 'suivi de peremption', 'suivi de la peremption', 'suivi dlc', 'perissable', 'tracks expiry', 'track expiry', 'expiry tracking', 'perishable'],
  netContent: ['contenance', 'contenu', 'contenu net', 'poids net', 'volume net', 'quantite nette', 'net content', 'net weight', 'net volume'],
};

export interface KindColumns {
  required: Field[];
  optional: Field[];
}

export const KIND_COLUMNS: Record<ImportKind, KindColumns> = {
  products: {
    required: ['name'],
    optional: ['sku', 'barcode', 'category', 'price', 'cost', 'unit', 'vat', 'supplier', 'packSize', 'minOrder', 'leadTime', 'stock', 'active', 'tracksExpiry', 'netContent'],
  },
  suppliers: { required: ['name'], optional: ['contact', 'phone', 'email', 'address', 'leadTime'] },
  stock: { required: ['product', 'qty'], optional: ['cost', 'lot', 'expiry'] },
  sales: { required: ['product', 'date', 'qty'], optional: ['price', 'stock'] },
};

/**
 * A kind's own list for a field, in place of the common one: for a stock file, "stock" is the quantity
 * too (after the quantity's own names); for suppliers, "fournisseur" is the name, before "nom" (which
 * may be a contact's).
 */
const KIND_SYNONYMS: Partial<Record<ImportKind, Partial<Record<Field, string[]>>>> = {
  stock: { qty: [...SYNONYMS.qty, 'stock', 'stock actuel', 'quantite en stock', 'qte en stock', 'en stock', 'on hand', 'qty on hand', 'inventaire'] },
  suppliers: { name: ['fournisseur', 'raison sociale', 'supplier', 'nom fournisseur', 'societe', 'company', ...SYNONYMS.name] },
};

export function foldHeader(header: string): string {
  return foldForSearch(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type ColumnMap = Partial<Record<Field, number>>;

/** Fields a kind reads, with their synonyms. */
function synonymsFor(kind: ImportKind): [Field, string[]][] {
  const cols = KIND_COLUMNS[kind];
  return [...cols.required, ...cols.optional].map((f) => [f, KIND_SYNONYMS[kind]?.[f] ?? SYNONYMS[f]]);
}

/**
 * Guesses which column holds each field: an exact synonym first, then a header starting with, then
 * containing a synonym as whole words; each column used once. Among the columns a field could take,
 * the one matching its earlier synonym comes first (« Référence » before « Désignation » for a product
 * code); among the fields a column could be, the longest synonym (« nom fournisseur » is the
 * supplier, not the name), then required fields. `overrides` maps a
 * field to a header (as written, any case) or a 0-based column index and wins over guessing.
 * A required field left without a column is a file-level error naming it.
 */
export function mapColumns(
  kind: ImportKind,
  header: string[],
  overrides: Partial<Record<Field, string | number>> = {},
  options: { guess?: boolean } = {},
): ColumnMap {
  const map = guessColumns(kind, header, overrides, options);
  const missing = KIND_COLUMNS[kind].required.filter((f) => map[f] === undefined);
  if (missing.length > 0) {
    const single = header.length === 1;
    throw fileIssue(
      single ? 'single_column' : 'missing_column',
      single
        ? `only one column was found (« ${header[0]} »): the file's separator is not one of , ; tab | or the file is not a table`
        : `missing required column${missing.length > 1 ? 's' : ''}: ${missing.map(describeField).join(', ')} (columns found: ${header.join(', ')})`,
      1,
      null,
      single
        ? { specific: 'single_column', found: header[0] ?? '' }
        : { specific: missing.length > 1 ? 'missing_columns' : 'missing_column', missing: missing.join(', '), found: header.join(', ') },
    );
  }
  return map;
}

/**
 * The guess alone, required fields possibly left out (what the mapping screen starts from). With
 * `guess: false` only the overrides are used: the mapping a person chose, columns left out included.
 */
export function guessColumns(
  kind: ImportKind,
  header: string[],
  overrides: Partial<Record<Field, string | number>> = {},
  options: { guess?: boolean } = {},
): ColumnMap {
  if (header.length === 1 && /[:,;|\t#/]/.test(header[0] ?? '')) {
    throw fileIssue(
      'single_column',
      `only one column was found (« ${header[0]} »): the file's separator is not one of , ; tab | so its columns cannot be told apart`,
      1,
      null,
      { specific: 'single_column', found: header[0] ?? '' },
    );
  }
  const folded = header.map(foldHeader);
  const map: ColumnMap = {};
  const used = new Set<number>();
  const fields = synonymsFor(kind);
  const known = new Set(fields.map(([f]) => f));
  for (const [field, wanted] of Object.entries(overrides) as [Field, string | number][]) {
    if (!known.has(field)) throw fileIssue('missing_column', `« ${field} » is not a column a ${kind} file can have`, 1, null, { specific: 'field_unknown', field });
    if (used.has(typeof wanted === 'number' ? wanted : folded.indexOf(foldHeader(wanted)))) {
      const column = String(typeof wanted === 'number' ? (header[wanted] ?? wanted) : wanted);
      throw fileIssue('bad_value', `the column « ${column} » is chosen for two fields`, 1, null, { specific: 'column_twice', column });
    }
    const index = typeof wanted === 'number' ? wanted : folded.indexOf(foldHeader(wanted));
    if (index < 0 || index >= header.length) {
      throw fileIssue('missing_column', `the column « ${wanted} » chosen for ${field} is not in the file (columns: ${header.join(', ')})`, 1, null, {
        specific: 'column_not_in_file',
        column: String(wanted),
        field,
        found: header.join(', '),
      });
    }
    map[field] = index;
    used.add(index);
  }
  if (options.guess === false) return map;
  // candidates: each field's best match in each column: how (3 exact, 2 starts with, 1 contains), the
  // synonym's place in the field's list and its length
  type Candidate = { how: number; at: number; length: number; order: number; rank: number; field: Field; col: number };
  const candidates: Candidate[] = [];
  fields.forEach(([field, syns], order) => {
    if (map[field] !== undefined) return;
    const mine: Candidate[] = [];
    folded.forEach((h, col) => {
      if (used.has(col) || h === '') return;
      // the best way the header matches, its earliest synonym matching that way, its longest
      let best: Candidate | null = null;
      for (const [at, s] of syns.entries()) {
        const how = h === s ? 3 : h.startsWith(`${s} `) ? 2 : ` ${h} `.includes(` ${s} `) ? 1 : 0;
        if (how === 0 || (best !== null && how < best.how)) continue;
        if (best === null || how > best.how) best = { how, at, length: s.length, order, rank: 0, field, col };
        else best.length = Math.max(best.length, s.length);
      }
      if (best !== null) mine.push(best);
    });
    // the field's columns ranked: an exact match first, then its earlier synonym
    mine.sort(byFieldPreference).forEach((c, rank) => candidates.push({ ...c, rank }));
  });
  candidates.sort((a, b) => b.how - a.how || a.rank - b.rank || b.length - a.length || a.order - b.order || a.at - b.at);
  for (const c of candidates) {
    if (map[c.field] !== undefined || used.has(c.col)) continue;
    map[c.field] = c.col;
    used.add(c.col);
  }
  return map;
}

/** Between two columns for one field: the better match, then the field's earlier synonym, then the longer. */
function byFieldPreference(a: { how: number; at: number; length: number }, b: { how: number; at: number; length: number }): number {
  return b.how - a.how || a.at - b.at || b.length - a.length;
}

const FIELD_LABEL: Partial<Record<Field, string>> = {
  name: 'name (désignation / libellé / nom)',
  product: 'product code (item_id / réf / code article / sku)',
  date: 'date',
  qty: 'quantity (quantité / qté / qty)',
};

export function describeField(field: Field): string {
  return FIELD_LABEL[field] ?? field;
}
