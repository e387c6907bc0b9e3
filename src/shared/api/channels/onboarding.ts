export const onboardingChannels = [
  'onboarding.upload',
  'onboarding.discard',
  'onboarding.preview',
  'onboarding.import',
  'onboarding.cancel',
  'onboarding.export',
  'onboarding.demo',
] as const;
