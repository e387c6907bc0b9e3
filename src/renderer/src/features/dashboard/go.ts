/** The app's pages are chosen by the hash (App.tsx listens to hashchange). */
export const go = (page: 'alerts' | 'stock' | 'forecasts' | 'sell') => {
  window.location.hash = `/${page}`;
};
