import { TextDecoder, TextEncoder } from 'node:util';

// jsdom lacks what react-router reads at import time; import this before it in a jsdom test.
Object.assign(globalThis, { TextEncoder, TextDecoder });
