import { configure } from '@testing-library/react';

// Mantine reads these browser APIs on mount; jsdom leaves some out, and a widget test should not fail for want of them.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom lays nothing out, so a ResizeObserver (Mantine's ScrollArea) would never report anything anyway.
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

// findBy… and waitFor wait for what the widget does, not for how fast it does it: testing-library's
// 1 s default fails widgets on a loaded 2-core machine (CI shares it with builds and browsers).
configure({ asyncUtilTimeout: 15_000 });
