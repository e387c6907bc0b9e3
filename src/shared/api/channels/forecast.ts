export const forecastChannels = [
  'forecast.run',
  'forecast.cancel',
  'forecast.status',
  'forecast.product',
] as const;
