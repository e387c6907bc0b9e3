export const dashboardChannels = ['dashboard.summary'] as const;
