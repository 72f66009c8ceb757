// Reading-view settings, kept in storage.sync so they follow the user across browsers:
// the type and theme choices, and the sites whose pages open in the reading view on load.
import { api } from '../browser-api.js';

/** Choices offered in the view and the options page; the first-listed default is DEFAULTS. */
export const CHOICES = {
  theme: ['auto', 'light', 'dark', 'sepia'],
  // 'dyslexic' is OpenDyslexic, shipped in fonts/ (see fonts.js).
  font: ['serif', 'sans', 'mono', 'dyslexic'],
  // Text size in CSS px. NOTE: 20 px is a comfortable body size for long reading on desktop.
  size: [14, 16, 18, 20, 22, 24, 28, 32],
  lineHeight: [1.3, 1.5, 1.7, 1.9, 2.1],
  // Column width in em: about 60 to 90 characters a line at the default size.
  width: [28, 34, 40, 48],
};

/** The message key naming each font choice. */
export const FONT_LABEL = { serif: 'fontSerif', sans: 'fontSans', mono: 'fontMono', dyslexic: 'fontDyslexic' };

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

// ---- Sites that always open in the reading view ----------------------------------------------

/** storage.sync key of the list of sites (hostnames without "www."). */
export const SITES_KEY = 'alwaysSites';
// NOTE: storage.sync allows 8 KB an item; at about 20 bytes a hostname this is far below it.
const MAX_SITES = 300;

/**
 * The site of a URL or of a typed hostname: its lowercased hostname without a leading "www.",
 * or '' when it is not a web page (about:, file:, extension pages) or not a hostname at all.
 */
export function siteOf(input) {
  const text = String(input ?? '').trim();
  if (!text) return '';
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text) ? text : `https://${text}`);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const host = url.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9.\-\[\]:]+$/.test(host) && host.length <= 253 ? host : '';
}

export async function loadSites() {
  try {
    const got = await api.storage.sync.get({ [SITES_KEY]: [] });
    const list = Array.isArray(got[SITES_KEY]) ? got[SITES_KEY] : [];
    return [...new Set(list.map(siteOf).filter(Boolean))].sort();
  } catch {
    return [];
  }
}

/** Adds (`on`) or removes a site; resolves to the new list. */
export async function setSite(site, on) {
  const host = siteOf(site);
  if (!host) return loadSites();
  const list = new Set(await loadSites());
  if (on) list.add(host);
  else list.delete(host);
  const next = [...list].sort().slice(0, MAX_SITES);
  try {
    await api.storage.sync.set({ [SITES_KEY]: next });
  } catch {
    // Sync storage disabled by policy: nothing to keep the list in.
  }
  return next;
}

/** Calls `fn(sites)` whenever the list of sites changes; returns an unsubscribe function. */
export function onSitesChanged(fn) {
  const listener = (changes, area) => {
    if (area === 'sync' && SITES_KEY in changes) loadSites().then(fn);
  };
  api.storage.onChanged.addListener(listener);
  return () => api.storage.onChanged.removeListener(listener);
}

// ---- Whether the view has ever opened (storage.local: this browser's own habit) ---------------

/** storage.local key: true once the reading view has opened on any page in this browser. */
export const USED_KEY = 'viewUsed';

/** True once the reading view has opened in this browser (false when storage cannot say). */
export async function viewUsed() {
  try {
    return (await api.storage.local.get({ [USED_KEY]: false }))[USED_KEY] === true;
  } catch {
    return false;
  }
}

let markedUsed = false;

/** Notes that the reading view opened (once per page). */
export async function markViewUsed() {
  if (markedUsed) return;
  markedUsed = true;
  try {
    if (!(await viewUsed())) await api.storage.local.set({ [USED_KEY]: true });
  } catch {
    // Nothing to keep it in: the warm-up waits (see view/on-load.js).
  }
}
