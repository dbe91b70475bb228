import type { PropsWithChildren } from 'react';
import { locationIdFromPath } from './lib/launch.ts';
import './app.scss';

// A phone camera opens the printed link https://host/q/<id> in a browser. Rewrite it
// to the report page before Taro's router reads the URL (this module is evaluated
// before the router is created), so a static host with history fallback suffices.
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  const id = locationIdFromPath(window.location.pathname);
  if (id) window.history.replaceState(null, '', `/pages/report/index?loc=${encodeURIComponent(id)}`);
}

function App({ children }: PropsWithChildren) {
  // children is the page being shown.
  return children;
}

export default App;
