import { z } from 'zod';

// zod compiles fast validators with `new Function`; the page's Content-Security-Policy forbids eval, so zod is
// told up front to validate without it. This module must be imported before any schema is used.
z.config({ jitless: true });
