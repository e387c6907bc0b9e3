export const onboardingChannels = [
] as const;
