// The built-in article the engine and the view warm up on (warm-up.html, read at idle in the
// content script or the extension page; see engine.js's warmUp and engine-host.js), and the
// address it is read as (its canonical link's).
export const WARM_UP_PAGE = 'view/warm-up.html';
export const WARM_UP_URL = 'https://news.example/brackwater-courier/lanterns-winter-fair';
