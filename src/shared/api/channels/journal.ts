export const journalChannels = ['journal.day', 'journal.reprint', 'journal.countCash', 'journal.cashMove', 'journal.zReport'] as const;
