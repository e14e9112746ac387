import { useSyncExternalStore } from 'react';
import type { LocationLike } from '../model/route';

// The address as React state: views follow the hash, and the back button works as expected.

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  window.addEventListener('popstate', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
    window.removeEventListener('popstate', listener);
  };
}

let cached: LocationLike = { pathname: '', hash: '', search: '' };

function snapshot(): LocationLike {
  const { pathname, hash, search } = window.location;
  if (cached.pathname !== pathname || cached.hash !== hash || cached.search !== search) cached = { pathname, hash, search };
  return cached;
}

export function useLocation(): LocationLike {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(hash: string): void {
  if (window.location.hash === hash) return;
  window.location.hash = hash;
}
