// Functions the end-to-end tests run inside the page (Playwright's page.evaluate and Selenium's
// executeScript both take them). Self-contained: no closures over module scope.

/** What the page shows: the state attributes and what the reading view holds. */
export function viewInfo() {
  const html = document.documentElement;
  const host = document.getElementById('readmode-root');
  const shadow = host ? host.shadowRoot : null;
  const articles = shadow ? shadow.querySelectorAll('article') : [];
  const article = articles[0] || null;
  const message = document.getElementById('readmode-root-message');
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  const notice = shadow ? shadow.querySelector('.rm-notice') : null;
  return {
    state: html.getAttribute('data-readmode'),
    ms: html.getAttribute('data-readmode-ms'),
    host: !!host,
    hostTag: host ? host.localName : null,
    shadowMode: shadow ? shadow.mode : null,
    articleCount: articles.length,
    title: article && article.querySelector('h1') ? article.querySelector('h1').textContent : null,
    text: article ? article.textContent.replace(/\s+/g, ' ') : '',
    notice: notice ? notice.textContent : null,
    message: message && message.shadowRoot ? message.shadowRoot.textContent : null,
    bodyInert: document.body.hasAttribute('inert'),
    // Whether the page under the view renders at all (its first element stands for it), and
    // its body's inline style.
    pageRendered: document.body.firstElementChild ? document.body.firstElementChild.checkVisibility() : null,
    bodyStyle: document.body.getAttribute('style'),
    styled: host ? getComputedStyle(host).position === 'fixed' && !!shadow.querySelector('.rm-bar') && getComputedStyle(shadow.querySelector('.rm-chrome')).position === 'sticky' : false,
    hostCoversViewport: host ? (() => { const r = host.getBoundingClientRect(); return r.top <= 0 && r.left <= 0 && r.width >= innerWidth - 20 && r.height >= innerHeight - 20; })() : false,
    activeInView: !!(host && host.shadowRoot && host.shadowRoot.activeElement),
    activeId: active ? active.id || active.localName : null,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
  };
}

/** Puts the page in a state the view must not disturb: a typed comment and a scroll offset. */
export function disturb({ text, y }) {
  const field = document.getElementById('comment');
  field.value = text;
  field.focus({ preventScroll: true });
  window.scrollTo(0, y);
  return { value: field.value, scrollY: window.scrollY };
}

export function fieldValue() {
  return document.getElementById('comment').value;
}

/** The view's "Removed from this page" section: its state and each removed block, or null. */
export function removedInfo() {
  const host = document.getElementById('readmode-root');
  const details = host && host.shadowRoot ? host.shadowRoot.querySelector('details.rm-removed') : null;
  if (!details) return null;
  const text = (e) => (e ? e.textContent : null);
  return {
    open: details.open,
    summary: text(details.querySelector('summary')),
    inFooter: !!details.closest('footer'),
    items: [...details.querySelectorAll('li.rm-removal')].map((li) => ({
      kind: li.dataset.kind,
      label: text(li.querySelector('.rm-kind')),
      reason: text(li.querySelector('.rm-reason')),
      text: text(li.querySelector('.rm-removal-text')),
      button: text(li.querySelector('button.rm-report')),
      state: li.querySelector('.rm-report-status').dataset.state || null,
      status: text(li.querySelector('.rm-report-status')),
      fallback: li.querySelector('textarea.rm-report-fallback') ? li.querySelector('textarea.rm-report-fallback').value : null,
    })),
  };
}

/**
 * Scrolls the reading view to its end and says where its toolbar then is, relative to the top
 * of the view (a sticky toolbar stays at 0); scrolls back.
 */
export function stickyBar() {
  const host = document.getElementById('readmode-root');
  const bar = host.shadowRoot.querySelector('.rm-bar');
  host.scrollTop = host.scrollHeight;
  const scrolled = host.scrollTop;
  const top = bar.getBoundingClientRect().top - host.getBoundingClientRect().top;
  host.scrollTop = 0;
  return { scrolled, top };
}
