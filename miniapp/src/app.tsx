import type { PropsWithChildren } from 'react';
import { locationIdFromPath } from './lib/launch.ts';
import { browserFontScale, scaledRootSize } from './lib/elder.ts';
import './app.scss';

// A phone camera opens the printed link https://host/q/<id> in a browser. Rewrite it
// to the report page before Taro's router reads the URL (this module is evaluated
// before the router is created), so a static host with history fallback suffices.
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  const id = locationIdFromPath(window.location.pathname);
  if (id) window.history.replaceState(null, '', `/pages/report/index?loc=${encodeURIComponent(id)}`);
}

// H5 sizes are rem, and Taro's inline script sets the root size from the screen width only.
// Scale it by the browser's own font size (the resident's setting, `medium`), so larger type
// chosen in the browser or the phone enlarges every page; re-applied whenever Taro resets it.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  const root = document.documentElement;
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.head.appendChild(probe);
  const scale = browserFontScale(parseFloat(getComputedStyle(probe).fontSize));
  probe.remove();
  if (scale !== 1) {
    let applied: number | undefined;
    const apply = () => {
      const next = scaledRootSize(parseFloat(root.style.fontSize), applied, scale);
      if (next === undefined) return;
      applied = next;
      root.style.fontSize = `${next}px`;
    };
    apply();
    new MutationObserver(apply).observe(root, { attributes: true, attributeFilter: ['style'] });
  }
}

function App({ children }: PropsWithChildren) {
  // children is the page being shown.
  return children;
}

export default App;
