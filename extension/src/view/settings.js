// Reading-view settings, kept in storage.sync so they follow the user across browsers.
import { api } from '../browser-api.js';

/** Choices offered in the view and the options page; the first-listed default is DEFAULTS. */
export const CHOICES = {
  theme: ['auto', 'light', 'dark', 'sepia'],
  font: ['serif', 'sans', 'mono'],
  // Text size in CSS px. NOTE: 20 px is a comfortable body size for long reading on desktop.
  size: [14, 16, 18, 20, 22, 24, 28, 32],
  lineHeight: [1.3, 1.5, 1.7, 1.9, 2.1],
  // Column width in em: about 60 to 90 characters a line at the default size.
  width: [28, 34, 40, 48],
};

export const DEFAULTS = { theme: 'auto', font: 'serif', size: 20, lineHeight: 1.7, width: 34 };

/** Coerces stored values to the known choices (storage is shared with older versions). */
function valid(s) {
  const out = { ...DEFAULTS };
  for (const [k, list] of Object.entries(CHOICES)) if (list.includes(s?.[k])) out[k] = s[k];
  return out;
}

export async function loadSettings() {
  try {
    return valid(await api.storage.sync.get(DEFAULTS));
  } catch {
    return { ...DEFAULTS };
  }
}

export async function saveSettings(patch) {
  try {
    await api.storage.sync.set(patch);
  } catch {
    // Sync storage can be disabled by policy; the view still applies the change for this page.
  }
}

/** Calls `fn(settings)` whenever the stored settings change; returns an unsubscribe function. */
export function onSettingsChanged(fn) {
  const listener = (changes, area) => {
    if (area !== 'sync' || !Object.keys(changes).some((k) => k in DEFAULTS)) return;
    loadSettings().then(fn);
  };
  api.storage.onChanged.addListener(listener);
  return () => api.storage.onChanged.removeListener(listener);
}
