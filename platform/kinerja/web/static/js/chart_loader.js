// Chart.js on demand: only the pages that draw a chart load it (the dashboard, the agency page's unit curve), with a
// plain <script> of the vendored file (same origin: the Content-Security-Policy allows it); it defines window.Chart.
// Its folder carries its version, so the server lets the browser keep it for a year (http/web.py, cache_control).

export const CHART_SRC = '/static/vendor/chartjs-4.6.1/chart.umd.min.js';

let loading = null;

// window.Chart once loaded; null when the file could not be loaded (the page then shows its tables only)
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = CHART_SRC;
      script.async = true;
      script.addEventListener('load', () => resolve(window.Chart || null));
      script.addEventListener('error', () => {
        script.remove();
        loading = null; // a later page may try again
        resolve(null);
      });
      document.head.append(script);
    });
  }
  return loading;
}
