// The options page: the same settings as the view's "Aa" panel, and the list of sites whose
// pages open in the reading view by themselves, all in storage.sync.
// Extension pages may also ask the background to toggle a tab (see background.js).
import { msg, uiDirection, uiLanguage } from './browser-api.js';
import {
  CHOICES, FONT_LABEL, loadSettings, saveSettings, loadSites, setSite, siteOf, onSitesChanged,
} from './view/settings.js';

const LABELS = { theme: 'theme', font: 'font', size: 'textSize', lineHeight: 'lineHeight', width: 'width' };
const OPTION_LABEL = {
  theme: (v) => msg(`theme${v[0].toUpperCase()}${v.slice(1)}`),
  font: (v) => msg(FONT_LABEL[v]),
  size: (v) => `${v}px`,
  lineHeight: (v) => v.toFixed(1),
  width: (v) => `${v}em`,
};

for (const e of document.querySelectorAll('[data-msg]')) e.textContent = msg(e.dataset.msg);
document.title = msg('optionsTitle');
document.documentElement.lang = uiLanguage();
document.documentElement.dir = uiDirection();

// ---- Type and theme --------------------------------------------------------------------------
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

// ---- Sites that always open in the reading view ----------------------------------------------
const list = document.getElementById('sites');
const empty = document.getElementById('sites-empty');
const addForm = document.getElementById('add-site');
const input = document.getElementById('site-input');
const error = document.getElementById('site-error');

function showSites(sites) {
  list.replaceChildren(...sites.map((site) => {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = site;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = msg('siteRemove');
    remove.setAttribute('aria-label', msg('siteRemoveLabel', [site]));
    remove.dataset.site = site;
    remove.addEventListener('click', async () => {
      const next = await setSite(site, false);
      showSites(next);
      (list.querySelector('button') ?? input).focus();
    });
    li.append(name, remove);
    return li;
  }));
  list.hidden = sites.length === 0;
  empty.hidden = sites.length > 0;
}

addForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const site = siteOf(input.value);
  if (!site) {
    error.textContent = input.value.trim() ? msg('siteInvalid') : '';
    input.setAttribute('aria-invalid', String(!!input.value.trim()));
    return;
  }
  error.textContent = '';
  input.removeAttribute('aria-invalid');
  showSites(await setSite(site, true));
  input.value = '';
});

showSites(await loadSites());
onSitesChanged(showSites);
document.documentElement.dataset.ready = 'true';
