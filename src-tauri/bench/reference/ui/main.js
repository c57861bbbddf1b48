// The one command, called once when the page is ready (as Needlewise's ui_ready) and again
// by the button.
import * as startup from './startup.js';

startup.mark('main.js running');
const hello = (marks = null) => window.__TAURI__.core.invoke('hello', { marks });
document.getElementById('hello').addEventListener('click', async () => {
  document.getElementById('answer').textContent = await hello();
});
document.body.dataset.ready = '1';
startup.mark('first screen rendered');
hello(startup.marks());
