/**
 * Main's refusals that carry `details.reason`, in the shop's language: the key is `err.reason.` + the
 * reason, and the other details fill the {placeholders} (api/error-text.ts).
 */
export const fr = {
  'err.internal': 'Un problème inattendu est survenu. Il a été noté dans le journal ; réessayez.',
  'err.reason.upload_broken': 'Le fichier n’a pas été bien reçu : choisissez-le à nouveau.',
  'err.reason.upload_gone': 'Ce fichier n’est plus là (l’application a redémarré ou il a été supprimé) : choisissez-le à nouveau.',
  'err.reason.upload_incomplete': 'Le fichier n’a pas encore été reçu en entier : patientez un instant.',
  'err.reason.file_too_big': 'Le fichier dépasse {mb} Mo : coupez-le et importez les parties une à une.',
  'err.reason.file_issue': '{issue} : vérifiez le fichier, puis choisissez-le à nouveau.',
  'err.reason.import_running': 'Un import est en cours : attendez qu’il finisse ou annulez-le.',
  'err.reason.mapping_unknown': '« {field} » n’est pas une colonne possible pour ce fichier.',
  'err.reason.demo_not_empty': 'La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des produits.',
  'err.reason.day_to_come': 'Le {day} n’est pas encore arrivé.',
  'err.reason.journal_today_only': 'Un caissier ne voit que le journal du jour : demandez au gérant pour un autre jour.',
  'err.reason.cash_not_counted': 'Saisissez l’argent compté, ou comptez-le par billets et pièces.',
  'err.reason.cash_not_denomination': 'Ce n’est pas un billet ou une pièce en {currency}.',
  'err.reason.cash_listed_twice': 'Cette valeur est comptée deux fois.',
  'err.reason.cash_mismatch': 'Les billets et pièces ne font pas le montant saisi.',
  'err.reason.receipt_not_found': 'Aucun ticket n° {receiptNo}.',
  'err.reason.reprint_today_only': 'Le ticket n° {receiptNo} est du {day} : un caissier ne réimprime que les tickets du jour.',
  'err.reason.count_not_found': 'Cet inventaire n’existe pas.',
  'err.reason.bad_check_digit': 'Code-barres mal lu (clé de contrôle fausse) : scannez à nouveau.',
} as const;

export const en: Record<keyof typeof fr, string> = {
  'err.internal': 'Something unexpected went wrong. It has been written to the log; please try again.',
  'err.reason.upload_broken': 'The file was not received correctly: choose it again.',
  'err.reason.upload_gone': 'This file is no longer here (the app restarted or it was removed): choose it again.',
  'err.reason.upload_incomplete': 'The file has not been fully received yet: wait a moment.',
  'err.reason.file_too_big': 'The file is larger than {mb} MB: split it and import the parts one by one.',
  'err.reason.file_issue': '{issue}: check the file, then choose it again.',
  'err.reason.import_running': 'An import is running: wait for it to finish or cancel it.',
  'err.reason.mapping_unknown': '« {field} » is not a column this file can have.',
  'err.reason.demo_not_empty': 'The demo shop opens in an empty shop: this one already has products.',
  'err.reason.day_to_come': '{day} has not come yet.',
  'err.reason.journal_today_only': 'A cashier sees today’s journal only: ask a manager for another day.',
  'err.reason.cash_not_counted': 'Type the cash counted, or count it by notes and coins.',
  'err.reason.cash_not_denomination': 'This is not a {currency} note or coin.',
  'err.reason.cash_listed_twice': 'This value is counted twice.',
  'err.reason.cash_mismatch': 'The notes and coins do not add up to the amount typed.',
  'err.reason.receipt_not_found': 'No receipt number {receiptNo}.',
  'err.reason.reprint_today_only': 'Receipt {receiptNo} is from {day}: a cashier reprints today’s receipts only.',
  'err.reason.count_not_found': 'This stock count does not exist.',
  'err.reason.bad_check_digit': 'Barcode misread (wrong check digit): scan again.',
};
