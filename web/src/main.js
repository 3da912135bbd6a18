// Entry point: reads the data the program inlined and starts the page for its kind.
import './style.css';
import { h } from './dom.js';
import { startExperimentPage } from './experiment_page.js';
import { startLivePage } from './live_page.js';
import { startRunPage } from './run_page.js';

const PAGES = { run: startRunPage, live: startLivePage, experiment: startExperimentPage };

function main() {
  const app = document.getElementById('app');
  app.replaceChildren();
  const view = JSON.parse(document.getElementById('firmsim-data').textContent);
  const start = PAGES[view.kind];
  if (!start) {
    app.append(h('p', {}, `This page cannot show data of kind "${view.kind}".`));
    return;
  }
  document.title = `firmsim · ${view.title || view.kind}`;
  // The page's parts, for scripts and tests driving it (window.firmsim.explorer.network, ...).
  // Not spread into a new object: that would freeze the getters (status, frame, index).
  const parts = start(app, view);
  parts.view = view;
  window.firmsim = parts;
}

main();
