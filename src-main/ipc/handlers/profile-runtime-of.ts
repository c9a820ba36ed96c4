import { createProfileRuntime, type ProfileRuntime } from '../../profiles/profile-runtime';
import type { Services } from '../context';

const runtimes = new WeakMap<Services, ProfileRuntime>();

/** The profile runtime of a host's services, made on first use and kept for the host's life. */
export function profileRuntimeOf(services: Services): ProfileRuntime {
  let runtime = runtimes.get(services);
  if (!runtime) {
    runtime = createProfileRuntime(services.dataDir, services.safeStorage);
    runtimes.set(services, runtime);
  }
  return runtime;
}
