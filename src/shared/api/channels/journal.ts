export const journalChannels = ['journal.day', 'journal.reprint', 'journal.countCash', 'journal.zReport'] as const;
