// The one command, called once when the page is ready (as Needlewise's ui_ready) and again
// by the button.
// startup.js is ui/js/startup.js, copied in by src-tauri/scripts/benchmark.sh.
import * as startup from './startup.js';

startup.mark('main.js running');
const hello = (marks = null) => window.__TAURI__.core.invoke('hello', { marks });
document.getElementById('hello').addEventListener('click', async () => {
  document.getElementById('answer').textContent = await hello();
});
document.body.dataset.ready = '1';
startup.mark('first screen rendered');
hello(startup.marks());
