import type { Unit } from '../../../../shared/domain/quantity';

export interface DemoSupplier {
  key: string;
  name: string;
  contact: string;
  phone: string;
  email: string;
  address: string;
  leadTimeDays: number;
}

export const DEMO_SUPPLIERS: DemoSupplier[] = [
  { key: 'sahel', name: 'Comptoir Sahel Alimentaire', contact: 'Moussa Diop', phone: '+221 33 821 45 10', email: 'commandes@sahel-alim.sn', address: 'Zone industrielle, Dakar', leadTimeDays: 5 },
  { key: 'boissons', name: 'Boissons du Cap-Vert SA', contact: 'Fatou Ndiaye', phone: '+221 33 832 17 44', email: 'ventes@boissons-capvert.sn', address: 'Route de Rufisque, Dakar', leadTimeDays: 3 },
  { key: 'pharma', name: 'Pharmadis Afrique de l\u2019Ouest', contact: 'Dr Aminata Sow', phone: '+221 33 869 02 02', email: 'grossiste@pharmadis.sn', address: 'Boulevard du Centenaire, Dakar', leadTimeDays: 10 },
  { key: 'hygiene', name: 'Hygiène Plus Distribution', contact: 'Ibrahima Fall', phone: '+221 77 540 12 98', email: 'hygieneplus@orange.sn', address: 'Pikine, Dakar', leadTimeDays: 7 },
  { key: 'laiterie', name: 'Laiterie du Baobab', contact: 'Awa Sarr', phone: '+221 77 611 80 03', email: 'laiterie.baobab@gmail.com', address: 'Thiès', leadTimeDays: 2 },
  { key: 'boulangerie', name: 'Boulangerie Teranga', contact: 'Cheikh Mbaye', phone: '+221 76 300 55 21', email: '', address: 'Médina, Dakar', leadTimeDays: 1 },
  { key: 'import', name: 'Diallo & Fils Import-Export', contact: 'Mamadou Diallo', phone: '+221 33 889 73 60', email: 'diallo.import@yahoo.fr', address: 'Port autonome, Dakar', leadTimeDays: 21 },
  { key: 'entretien', name: 'Entretien Pro Sénégal', contact: 'Khady Ba', phone: '+221 78 455 09 17', email: 'contact@entretienpro.sn', address: 'Guédiawaye', leadTimeDays: 14 },
];

export interface DemoCategory {
  name: string;
  supplier: string;
  vatBp: number;
  /** Expiry-tracked, with the shelf life of a lot in days. */
  shelfLifeDays: number | null;
  /** Day-of-week multipliers, Sunday first. */
  weekly: number[];
  /** Yearly swing (fraction) and the day of year of its peak. */
  yearlyAmp: number;
  peakDay: number;
  items: [name: string, sizes: string[], priceXof: number, unit?: Unit][];
}

const SHOP_WEEK = [1.0, 0.85, 0.9, 0.95, 1.0, 1.2, 1.35];
const PHARMA_WEEK = [0.6, 1.15, 1.05, 1.0, 1.0, 1.05, 0.95];

/** A West-African grocery with a parapharmacy corner; prices in FCFA (XOF) for the first size. */
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    name: 'Épicerie', supplier: 'sahel', vatBp: 0, shelfLifeDays: null, weekly: SHOP_WEEK, yearlyAmp: 0.12, peakDay: 100,
    items: [
      ['Riz brisé parfumé', ['1 kg', '5 kg', '25 kg'], 550], ['Riz long grain', ['1 kg', '5 kg'], 650], ['Riz en vrac', ['au kg'], 450, 'kg'],
      ['Sucre en poudre', ['500 g', '1 kg'], 400], ['Sucre en morceaux', ['1 kg'], 800], ['Sucre en vrac', ['au kg'], 650, 'kg'],
      ['Huile végétale', ['1 L', '5 L', '20 L'], 1300], ['Huile d\u2019arachide', ['1 L', '5 L'], 1600], ['Farine de blé', ['1 kg', '5 kg'], 600],
      ['Spaghetti', ['500 g'], 350], ['Macaronis', ['500 g'], 350], ['Vermicelles', ['500 g'], 400], ['Concentré de tomate', ['70 g', '400 g', '800 g'], 150],
      ['Lait en poudre', ['400 g', '900 g', '2,5 kg'], 1900], ['Lait concentré sucré', ['397 g'], 750], ['Café soluble', ['50 g', '200 g'], 900],
      ['Café Touba', ['250 g', '500 g'], 1000], ['Thé vert de Chine', ['25 g', '100 g'], 250], ['Bouillon cube', ['sachet de 10', 'boîte de 100'], 250],
      ['Sel iodé', ['500 g', '1 kg'], 150], ['Sardines à l\u2019huile', ['125 g'], 450], ['Thon à l\u2019huile', ['160 g'], 800], ['Mayonnaise', ['250 ml', '500 ml'], 900],
      ['Moutarde', ['200 g'], 700], ['Vinaigre blanc', ['1 L'], 500], ['Haricots niébé', ['1 kg'], 900], ['Lentilles', ['500 g'], 750], ['Mil décortiqué', ['1 kg'], 600],
      ['Maïs concassé', ['1 kg'], 500], ['Thiéré (couscous de mil)', ['1 kg'], 900], ['Arachides grillées', ['250 g'], 500], ['Biscuits secs', ['paquet 200 g'], 300],
      ['Chocolat en poudre', ['400 g'], 1500], ['Pâte à tartiner', ['350 g'], 1800], ['Confiture de fraise', ['370 g'], 1300], ['Miel du Sine', ['500 g'], 3000],
      ['Oignons', ['au kg'], 500, 'kg'], ['Pommes de terre', ['au kg'], 450, 'kg'], ['Ail', ['250 g'], 600], ['Poivre noir moulu', ['50 g'], 400], ['Piment séché', ['100 g'], 350],
      ['Levure boulangère', ['sachet 11 g'], 150], ['Dattes', ['500 g'], 1500], ['Fonio précuit', ['1 kg'], 1800], ['Attiéké', ['sachet 1 kg'], 700],
      ['Gari', ['1 kg'], 600], ['Pâte d\u2019arachide', ['500 g'], 1000], ['Nététou', ['100 g'], 300], ['Crevettes séchées', ['100 g'], 1200], ['Céréales du petit-déjeuner', ['375 g'], 2200],
    ],
  },
  {
    name: 'Boissons', supplier: 'boissons', vatBp: 1800, shelfLifeDays: null, weekly: [1.3, 0.8, 0.85, 0.9, 1.0, 1.2, 1.45], yearlyAmp: 0.35, peakDay: 130,
    items: [
      ['Eau minérale', ['0,5 L', '1,5 L', 'pack 6 x 1,5 L'], 250], ['Eau en sachet', ['sachet 400 ml'], 50], ['Jus de bissap', ['1 L', '33 cl'], 800],
      ['Jus de gingembre', ['1 L', '33 cl'], 800], ['Jus de bouye', ['1 L'], 900], ['Jus d\u2019orange', ['1 L'], 1300], ['Jus de mangue', ['1 L', '25 cl'], 1200],
      ['Soda cola', ['33 cl', '1,5 L'], 400], ['Soda orange', ['33 cl', '1,5 L'], 400], ['Limonade', ['33 cl', '1,5 L'], 400], ['Tonic', ['33 cl'], 450],
      ['Boisson énergisante', ['25 cl'], 700], ['Malt sans alcool', ['33 cl'], 600], ['Lait caillé sucré', ['500 ml'], 600], ['Sirop de menthe', ['75 cl'], 1800],
      ['Sirop de grenadine', ['75 cl'], 1800], ['Thé glacé pêche', ['50 cl'], 600], ['Eau gazeuse', ['1 L'], 700], ['Café glacé', ['25 cl'], 650],
    ],
  },
  {
    name: 'Frais & crèmerie', supplier: 'laiterie', vatBp: 0, shelfLifeDays: 21, weekly: SHOP_WEEK, yearlyAmp: 0.15, peakDay: 110,
    items: [
      ['Yaourt nature', ['125 g', 'pack de 4'], 300], ['Yaourt sucré vanille', ['125 g', 'pack de 4'], 350], ['Lait frais pasteurisé', ['1 L', '50 cl'], 900],
      ['Lait caillé (sow)', ['1 L'], 800], ['Beurre doux', ['250 g'], 1500], ['Fromage fondu', ['8 portions', '16 portions'], 1100], ['Crème fraîche', ['20 cl'], 900],
      ['Œufs frais', ['plateau de 30', 'boîte de 6'], 2700], ['Margarine', ['250 g', '500 g'], 700], ['Fromage râpé', ['100 g'], 1200], ['Dégué', ['500 g'], 900],
    ],
  },
  {
    name: 'Boulangerie', supplier: 'boulangerie', vatBp: 0, shelfLifeDays: null, weekly: [1.4, 0.95, 0.95, 0.95, 1.0, 1.1, 1.3], yearlyAmp: 0.05, peakDay: 0,
    items: [
      ['Pain baguette', ['250 g'], 150], ['Pain de mie', ['500 g'], 1000], ['Croissant', ['pièce'], 300], ['Pain au chocolat', ['pièce'], 350], ['Pain complet', ['400 g'], 700],
      ['Fataya', ['pièce'], 100], ['Beignets', ['sachet de 10'], 500], ['Pain tapalapa', ['pièce'], 100],
    ],
  },
  {
    name: 'Hygiène & beauté', supplier: 'hygiene', vatBp: 1800, shelfLifeDays: null, weekly: SHOP_WEEK, yearlyAmp: 0.1, peakDay: 160,
    items: [
      ['Savon de Marseille', ['200 g', '400 g'], 300], ['Savon de toilette', ['90 g', '150 g'], 350], ['Savon noir', ['250 g'], 500], ['Dentifrice', ['75 ml', '125 ml'], 700],
      ['Brosse à dents', ['souple', 'médium'], 500], ['Shampooing', ['250 ml', '400 ml'], 1500], ['Lait corporel karité', ['250 ml', '500 ml'], 1800], ['Beurre de karité', ['200 g'], 1500],
      ['Déodorant bille', ['50 ml'], 1500], ['Rasoirs jetables', ['paquet de 5'], 800], ['Serviettes hygiéniques', ['paquet de 10'], 900], ['Coton-tiges', ['boîte de 200'], 500],
      ['Mouchoirs en papier', ['paquet de 10'], 200], ['Papier toilette', ['rouleau', 'paquet de 4'], 250], ['Huile de coco', ['250 ml'], 1500], ['Gel coiffant', ['250 ml'], 1200],
      ['Crème éclaircissante (sans hydroquinone)', ['200 ml'], 2500], ['Eau de Cologne', ['250 ml'], 2000], ['Vernis à ongles', ['flacon'], 700], ['Pommade capillaire', ['125 g'], 1000],
    ],
  },
  {
    name: 'Entretien', supplier: 'entretien', vatBp: 1800, shelfLifeDays: null, weekly: SHOP_WEEK, yearlyAmp: 0.1, peakDay: 220,
    items: [
      ['Eau de Javel', ['1 L', '5 L'], 400], ['Lessive en poudre', ['500 g', '1 kg', '3 kg'], 800], ['Savon en barre lessive', ['400 g'], 400], ['Liquide vaisselle', ['500 ml', '1 L'], 800],
      ['Éponges', ['paquet de 3'], 300], ['Insecticide en bombe', ['400 ml'], 2000], ['Serpentins anti-moustiques', ['boîte de 10'], 500], ['Allumettes', ['paquet de 10 boîtes'], 250],
      ['Bougies', ['paquet de 6'], 600], ['Piles AA', ['blister de 4'], 1000], ['Piles R20', ['blister de 2'], 700], ['Sacs poubelle', ['rouleau de 20'], 800],
      ['Balai', ['coco', 'plastique'], 1000], ['Serpillière', ['pièce'], 700], ['Désodorisant', ['300 ml'], 1500], ['Nettoyant multi-surfaces', ['1 L'], 1300],
      ['Charbon de bois', ['sac 5 kg'], 1500], ['Gaz butane (recharge)', ['6 kg'], 3000], ['Lampe torche', ['pièce'], 2000], ['Ampoule LED', ['9 W'], 1000],
    ],
  },
  {
    name: 'Parapharmacie', supplier: 'pharma', vatBp: 0, shelfLifeDays: 540, weekly: PHARMA_WEEK, yearlyAmp: 0.3, peakDay: 255,
    items: [
      ['Paracétamol 500 mg', ['boîte de 16', 'boîte de 100'], 500], ['Ibuprofène 400 mg', ['boîte de 20'], 1000], ['Sels de réhydratation orale', ['sachet', 'boîte de 10'], 150],
      ['Pansements adhésifs', ['boîte de 20'], 700], ['Alcool à 70°', ['125 ml', '250 ml'], 500], ['Antiseptique iodé', ['125 ml'], 1800], ['Vitamine C 500 mg', ['tube de 20'], 1500],
      ['Sirop contre la toux', ['125 ml'], 2000], ['Thermomètre digital', ['pièce'], 2500], ['Gants d\u2019examen', ['boîte de 100'], 4000], ['Masques chirurgicaux', ['boîte de 50'], 2500],
      ['Préservatifs', ['boîte de 3', 'boîte de 12'], 500], ['Moustiquaire imprégnée', ['2 places'], 5000], ['Répulsif anti-moustiques', ['100 ml'], 2500], ['Compresses stériles', ['boîte de 10'], 600],
      ['Bande élastique', ['4 m'], 800], ['Pommade pour brûlures', ['30 g'], 1500], ['Collyre', ['10 ml'], 1800], ['Test de paludisme (TDR)', ['pièce'], 1000], ['Fer + acide folique', ['boîte de 30'], 1200],
      ['Zinc 20 mg', ['boîte de 10'], 800], ['Vermifuge', ['boîte de 1'], 600], ['Crème antifongique', ['30 g'], 1500], ['Sérum physiologique', ['boîte de 20 doses'], 1200],
      ['Seringues 5 ml', ['boîte de 100'], 4000],
    ],
  },
  {
    name: 'Bébé', supplier: 'import', vatBp: 0, shelfLifeDays: 365, weekly: SHOP_WEEK, yearlyAmp: 0.05, peakDay: 30,
    items: [
      ['Lait infantile 1er âge', ['400 g', '900 g'], 4500], ['Lait infantile 2e âge', ['400 g', '900 g'], 4300], ['Lait de croissance', ['900 g'], 5500], ['Céréales bébé', ['250 g', '400 g'], 2200],
      ['Couches taille 3', ['paquet de 20', 'paquet de 50'], 3500], ['Couches taille 4', ['paquet de 20', 'paquet de 50'], 3700], ['Couches taille 5', ['paquet de 20'], 3900],
      ['Lingettes bébé', ['paquet de 72'], 1500], ['Petits pots légumes', ['130 g'], 900], ['Biberon', ['250 ml'], 2500], ['Talc bébé', ['200 g'], 1200], ['Savon bébé', ['90 g'], 500],
    ],
  },
];

/** Extra brands that turn one base product into several, as on a real shelf. */
export const DEMO_BRANDS = ['Baobab', 'Sahel d\u2019Or', 'Teranga', 'Kaïcedrat', 'Lion d\u2019Afrique'];
