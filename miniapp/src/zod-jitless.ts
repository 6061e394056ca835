/**
 * zod (reached by h5 pages through `shared/`) probes `new Function('')` once to pick its faster parser. Under the H5
 * app's Content-Security-Policy (no 'unsafe-eval') the browser reports that probe as a violation although zod catches
 * it. Jitless mode skips the probe. zod reads this object from `globalThis` whether it loads before or after this
 * module, so setting the flag here, first in app.tsx, holds for every chunk.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
