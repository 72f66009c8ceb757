// The options page: the same settings as the view's "Aa" panel, in storage.sync.
// Extension pages may also ask the background to toggle a tab (see background.js).
import { msg } from './browser-api.js';
import { CHOICES, loadSettings, saveSettings } from './view/settings.js';

const LABELS = { theme: 'theme', font: 'font', size: 'textSize', lineHeight: 'lineHeight', width: 'width' };
const OPTION_LABEL = {
  theme: (v) => msg(`theme${v[0].toUpperCase()}${v.slice(1)}`),
  font: (v) => msg({ serif: 'fontSerif', sans: 'fontSans', mono: 'fontMono' }[v]),
  size: (v) => `${v}px`,
  lineHeight: (v) => v.toFixed(1),
  width: (v) => `${v}em`,
};

for (const e of document.querySelectorAll('[data-msg]')) e.textContent = msg(e.dataset.msg);
document.title = msg('optionsTitle');

const form = document.getElementById('settings');
const settings = await loadSettings();
for (const [key, list] of Object.entries(CHOICES)) {
  const label = document.createElement('label');
  label.htmlFor = `opt-${key}`;
  label.textContent = msg(LABELS[key]);
  const select = document.createElement('select');
  select.id = `opt-${key}`;
  for (const v of list) {
    const o = document.createElement('option');
    o.value = String(v);
    o.textContent = OPTION_LABEL[key](v);
    select.appendChild(o);
  }
  select.value = String(settings[key]);
  select.addEventListener('change', () => saveSettings({ [key]: list.find((v) => String(v) === select.value) }));
  form.append(label, select);
}
