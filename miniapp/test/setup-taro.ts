// Runs before each miniapp test file (jsdom): the platform stand-in, fresh per test.
import { configure } from '@testing-library/react';
import { platform } from './taro-platform';

beforeEach(() => platform.reset());

// Stencil's <taro-textarea-core> updates its inner <textarea> when `value` changes; jsdom never renders that
// inner element, so the watcher logs this TypeError. Only this one known message is dropped.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const first = args[0];
  if (first instanceof TypeError && first.message === "Cannot read properties of undefined (reading 'value')" && /taro-textarea-core/.test(first.stack ?? '')) return;
  consoleError(...args);
};

// A busy CI machine (two cores, many jobs) can take over a second for the first render of a page and its first answer
// from the local server: findBy*/waitFor wait up to five seconds before calling a page broken.
configure({ asyncUtilTimeout: 5_000 });
