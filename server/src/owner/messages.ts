/** The owner's page speaks French unless the browser asks for English first. */
export type Lang = 'fr' | 'en';

export interface OwnerMessages {
  title: string;
  keyIntro: string;
  keyLabel: string;
  keyHint: string;
  open: string;
  keyUnknown: string;
  keyMissing: string;
  formElsewhere: string;
  keyThrottled: string;
  otherLang: string;
  yourShops: string;
  refresh: string;
  signOut: string;
  noShops: string;
  allShops: (currency: string) => string;
  shop: string;
  shopsSelling: string;
  lastDay: string;
  sevenDays: string;
  stockAtCost: string;
  stockValue: (amount: string) => string;
  lastPush: string;
  day: string;
  takings: string;
  receipts: string;
  basket: string;
  cash: string;
  cashExact: string;
  cashShort: (amount: string) => string;
  cashOver: (amount: string) => string;
  cashNotCounted: string;
  cashCountedBefore: (since: string) => string;
  futureDated: (receipts: number, lastDate: string) => string;
  noSales: string;
  shopCalls: (name: string) => string;
  neverPushed: string;
  pushedAgo: (ago: string) => string;
  stale: (duration: string) => string;
  products: (n: number) => string;
  outOfStock: (n: number) => string;
  voided: (count: number, amount: string) => string;
  noVoids: string;
  missingTitle: string;
  missingWindow: string;
  topTitle: string;
  product: string;
  sold: string;
  lastSold: string;
  andMore: (n: number) => string;
  expiringFact: (n: number, days: number) => string;
  expiringTitle: (days: number) => string;
  expiringWhy: (count: number, value: string) => string;
  lot: string;
  expiry: string;
  inStock: string;
  valueAtCost: string;
  expired: (date: string) => string;
  /** A time since, in whole minutes, hours (under 2 days) or days. */
  duration: (minutes: number) => string;
  ago: (minutes: number) => string;
}

function span(minutes: number, days: (n: number) => string): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return days(Math.floor(minutes / 1440));
}

const fr: OwnerMessages = {
  title: 'Shelfcast — vos boutiques',
  keyIntro: 'Collez votre clé propriétaire pour voir les ventes, la caisse et le stock de chaque boutique.',
  keyLabel: 'Clé propriétaire',
  keyHint: 'Elle commence par own_ ; « npm run server -- owner-key » l’a affichée une fois sur le serveur.',
  open: 'Voir mes boutiques',
  keyUnknown: 'Cette clé n’est pas enregistrée sur ce serveur. Vérifiez-la, ou créez-en une avec « npm run server -- owner-key ».',
  keyMissing: 'Collez la clé : elle commence par own_.',
  formElsewhere: 'Ce formulaire ne vient pas de cette page : rouvrez l’adresse du serveur et recommencez.',
  keyThrottled: 'Trop de clés fausses sont venues de votre adresse : attendez une minute, puis recommencez.',
  otherLang: 'English',
  yourShops: 'Vos boutiques',
  refresh: 'Actualiser',
  signOut: 'Se déconnecter',
  noShops: 'Aucune boutique n’est enregistrée : ajoutez-en une avec « npm run server -- add-shop --name "…" ».',
  allShops: (currency) => `Toutes les boutiques en ${currency}, par jour`,
  shop: 'Boutique',
  shopsSelling: 'Boutiques',
  lastDay: 'Dernier jour',
  sevenDays: '7 derniers jours de vente',
  stockAtCost: 'Stock au coût',
  stockValue: (amount) => `Stock au coût : ${amount}`,
  lastPush: 'Dernier envoi',
  day: 'Jour',
  takings: 'Ventes',
  receipts: 'Tickets',
  basket: 'Panier moyen',
  cash: 'Caisse',
  cashExact: 'juste',
  cashShort: (amount) => `manque ${amount}`,
  cashOver: (amount) => `+${amount} en trop`,
  cashNotCounted: 'non comptée',
  cashCountedBefore: (since) => `comptée avant d’autres ventes (${since} depuis)`,
  futureDated: (n, last) =>
    `L’horloge du PC de cette boutique a été mal réglée : ${n} ticket${n > 1 ? 's' : ''} daté${n > 1 ? 's' : ''} dans le futur (jusqu’au ${last}), laissé${n > 1 ? 's' : ''} hors des derniers jours. Réglez l’heure du PC de la boutique.`,
  noSales: 'Aucune vente reçue de cette boutique.',
  shopCalls: (name) => `« ${name} » sur le PC de la boutique`,
  neverPushed: 'N’a encore rien envoyé : collez sa clé dans Paramètres > Serveur central, sur le PC de la boutique.',
  pushedAgo: (ago) => `Dernier envoi ${ago}`,
  stale: (duration) => `Rien reçu depuis ${duration} : le PC de la boutique est éteint ou sans connexion. Ses ventes arriveront à son prochain envoi.`,
  products: (n) => `${n} produit${n > 1 ? 's' : ''}`,
  outOfStock: (n) => `${n} en rupture`,
  voided: (count, amount) => `${count} annulation${count > 1 ? 's' : ''} avant paiement sur 7 jours (${amount})`,
  noVoids: 'aucune annulation avant paiement sur 7 jours',
  missingTitle: 'En rupture, alors qu’ils se vendaient',
  missingWindow: 'Ventes des 28 jours jusqu’au dernier jour de vente : ce que la boutique perd tant qu’ils manquent.',
  topTitle: 'Meilleures ventes des 7 derniers jours de vente',
  product: 'Produit',
  sold: 'Vendu',
  lastSold: 'Dernière vente',
  andMore: (n) => `… et ${n} autre${n > 1 ? 's' : ''}`,
  expiringFact: (n, days) => (n === 0 ? `aucun lot ne périme d’ici ${days} jours` : `${n} lot${n > 1 ? 's' : ''} à surveiller (périmé${n > 1 ? 's' : ''} ou d’ici ${days} jours)`),
  expiringTitle: (days) => `Lots périmés ou qui périment d’ici ${days} jours`,
  expiringWhy: (count, value) =>
    `${count} lot${count > 1 ? 's' : ''}, ${value} au coût : à vendre en premier, à retourner au fournisseur, ou à sortir du rayon une fois périmé${count > 1 ? 's' : ''}.`,
  lot: 'Lot',
  expiry: 'Péremption',
  inStock: 'En stock',
  valueAtCost: 'Valeur au coût',
  expired: (date) => `périmé (${date})`,
  duration: (m) => span(m, (n) => `${n} jours`),
  ago: (m) => (m < 1 ? 'à l’instant' : `il y a ${fr.duration(m)}`),
};

const en: OwnerMessages = {
  title: 'Shelfcast — your shops',
  keyIntro: 'Paste your owner key to see each shop’s sales, cash and stock.',
  keyLabel: 'Owner key',
  keyHint: 'It starts with own_; “npm run server -- owner-key” showed it once on the server.',
  open: 'Show my shops',
  keyUnknown: 'This key is not registered on this server. Check it, or make one with “npm run server -- owner-key”.',
  keyMissing: 'Paste the key: it starts with own_.',
  formElsewhere: 'This form did not come from this page: open the server’s address again and retry.',
  keyThrottled: 'Too many wrong keys came from your address: wait a minute, then try again.',
  otherLang: 'Français',
  yourShops: 'Your shops',
  refresh: 'Refresh',
  signOut: 'Sign out',
  noShops: 'No shop is registered: add one with “npm run server -- add-shop --name "…"”.',
  allShops: (currency) => `All shops in ${currency}, by day`,
  shop: 'Shop',
  shopsSelling: 'Shops',
  lastDay: 'Last day',
  sevenDays: 'Last 7 trading days',
  stockAtCost: 'Stock at cost',
  stockValue: (amount) => `Stock at cost: ${amount}`,
  lastPush: 'Last push',
  day: 'Day',
  takings: 'Sales',
  receipts: 'Receipts',
  basket: 'Average basket',
  cash: 'Cash',
  cashExact: 'exact',
  cashShort: (amount) => `short ${amount}`,
  cashOver: (amount) => `${amount} over`,
  cashNotCounted: 'not counted',
  cashCountedBefore: (since) => `counted before later sales (${since} since)`,
  futureDated: (n, last) =>
    `This shop PC’s clock has been wrong: ${n} receipt${n === 1 ? '' : 's'} dated in the future (up to ${last}), left out of the last days. Set the time on the shop’s PC.`,
  noSales: 'No sales received from this shop.',
  shopCalls: (name) => `“${name}” on the shop’s PC`,
  neverPushed: 'Has sent nothing yet: paste its key in Settings > Central server, on the shop’s PC.',
  pushedAgo: (ago) => `Last push ${ago}`,
  stale: (duration) => `Nothing received for ${duration}: the shop’s PC is off or offline. Its sales will arrive with its next push.`,
  products: (n) => `${n} product${n === 1 ? '' : 's'}`,
  outOfStock: (n) => `${n} out of stock`,
  voided: (count, amount) => `${count} cleared before payment over 7 days (${amount})`,
  noVoids: 'nothing cleared before payment over 7 days',
  missingTitle: 'Out of stock, and they were selling',
  missingWindow: 'Sales over the 28 days up to the last trading day: what the shop loses while they are missing.',
  topTitle: 'Best sellers of the last 7 trading days',
  product: 'Product',
  sold: 'Sold',
  lastSold: 'Last sold',
  andMore: (n) => `… and ${n} more`,
  expiringFact: (n, days) => (n === 0 ? `no lot expires within ${days} days` : `${n} lot${n === 1 ? '' : 's'} to watch (expired or within ${days} days)`),
  expiringTitle: (days) => `Lots expired or expiring within ${days} days`,
  expiringWhy: (count, value) => `${count} lot${count === 1 ? '' : 's'}, ${value} at cost: sell them first, return them to the supplier, or take them off the shelf once expired.`,
  lot: 'Lot',
  expiry: 'Expires',
  inStock: 'In stock',
  valueAtCost: 'Value at cost',
  expired: (date) => `expired (${date})`,
  duration: (m) => span(m, (n) => `${n} days`),
  ago: (m) => (m < 1 ? 'just now' : `${en.duration(m)} ago`),
};

export const MESSAGES: Record<Lang, OwnerMessages> = { fr, en };

/** `?lang=` when given, else English only when the browser puts it before French. */
export function pickLang(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query === 'fr' || query === 'en') return query;
  const first = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter((l) => (l.tag.startsWith('fr') || l.tag.startsWith('en')) && l.q > 0)
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag.startsWith('en') ? 'en' : 'fr';
}
