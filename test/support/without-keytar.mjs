// Loaded with `node --import` in front of the built CLI: makes `keytar` fail to load exactly as it does when its
// native binary was never built (npm skipped the install script) or was built for another Node.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'keytar')
      throw Object.assign(new Error("Cannot find module 'keytar/build/Release/keytar.node'"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    return nextResolve(specifier, context);
  },
});
