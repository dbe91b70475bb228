/**
 * Setup of the integration tests (vitest.config.ts): every function's composition
 * (functions/src/compose/) registered before a test runs. On Lambda each function is a process of
 * its own, and its route module imports its composition before its first request builds the
 * service (functions/src/handlers/lazy-function.ts). A test file hosts several functions in one
 * process and may call one without a composition first; the service it builds then serves the
 * others too (functions/src/app/runtime.ts builds it once), so every composition is registered
 * up front, as it was when each function's entry imported its composition at load.
 */
import '../../functions/src/compose/filing.ts';
import '../../functions/src/compose/photos.ts';
import '../../functions/src/compose/risk.ts';
