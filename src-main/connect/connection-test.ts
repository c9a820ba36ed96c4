import type { ConnectionStep, ConnectionTestResult, DatabaseSummary } from '../../src-shared/contract/connections';
import type { Profile, Side } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import type { SecretValues } from '../../src-shared/domain/profile';
import type { FileAccess } from './files/file-access';
import { probeMasDatabase, probeSynapseDatabase } from './postgres/database-probe';
import type { LibpqSettings } from './postgres/libpq-settings';
import { type ConfigFileText, openSide, type SideConnectionOptions } from './side-connection';
import { HostKeyError } from './ssh/host-key-check';

/** What the engine reads from a side's config files for the connection test (plugged in by whoever owns config parsing). */
export interface ConfigDatabaseInfo {
  database?: LibpqSettings;
  /** Synapse: `matrix_authentication_service.enabled` is true. */
  masIntegrationEnabled?: boolean;
}
/** `files` are the side's config files as read; `access` reaches files they point to (`*_path`, `password_file`) where they are. */
export type ConfigDatabaseReader = (side: Side, files: ConfigFileText[], access: FileAccess) => Promise<ConfigDatabaseInfo>;

export interface ConnectionTestOptions extends SideConnectionOptions {
  emit?: (step: ConnectionStep) => void;
  /** Cancels the test: the side's SSH connection is closed at once and the test ends with an AbortError. */
  signal?: AbortSignal;
  readConfig?: ConfigDatabaseReader;
}

function failure(error: unknown): { message: string; fix?: string; code: string } {
  if (error instanceof AppError) return { message: error.message, code: error.code, ...(error.hint ? { fix: error.hint } : {}) };
  return { message: error instanceof Error ? error.message : String(error), code: 'internal' };
}

/**
 * Tests one side of a profile step by step (each SSH hop and its host key,
 * the config files, the database and TLS, the privileges the migration
 * needs), streaming each step with pass/fail and a fix. Stops at the first
 * step that makes the next ones meaningless.
 */
export async function testSideConnection(
  profile: Profile,
  side: Side,
  secrets: SecretValues,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestResult> {
  const steps: ConnectionStep[] = [];
  const record = (step: Omit<ConnectionStep, 'side'>) => {
    const full = { side, ...step };
    steps.push(full);
    options.emit?.(full);
  };
  const result = (database?: DatabaseSummary): ConnectionTestResult => {
    options.signal?.throwIfAborted();
    return { side, ok: steps.every((s) => s.status !== 'failed'), steps, ...(database ? { database } : {}) };
  };

  let connection: Awaited<ReturnType<typeof openSide>>;
  try {
    connection = await openSide(profile, side, secrets, {
      ...options,
      onHop: (event) =>
        record({ step: event.step === 'host-key' ? 'host-key' : 'ssh', status: 'ok', message: `${event.hop}: ${event.detail}` }),
    });
  } catch (error) {
    record({ step: 'ssh', status: 'failed', ...failure(error) });
    return result();
  }
  const cancel = () => void connection.close();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    if (connection.ssh) {
      try {
        await connection.ssh.client();
      } catch (error) {
        const hostKey = error instanceof HostKeyError ? { hostKey: error.hostKey } : {};
        record({ step: error instanceof HostKeyError ? 'host-key' : 'ssh', status: 'failed', ...failure(error), ...hostKey });
        return result();
      }
    }

    const databaseFromConfig = connection.settings.database.source === 'config';
    let info: ConfigDatabaseInfo = {};
    if (connection.settings.configFiles.paths.length > 0) {
      let files: ConfigFileText[] | undefined;
      try {
        files = await connection.readConfigFiles();
        record({
          step: 'config-files',
          status: 'ok',
          message: `Read ${files.map((f) => f.path).join(', ')} on ${connection.files.where}.`,
        });
      } catch (error) {
        record({ step: 'config-files', status: 'failed', ...failure(error) });
        if (databaseFromConfig) return result();
      }
      if (files && options.readConfig) {
        try {
          info = await options.readConfig(side, files, connection.files);
        } catch (error) {
          // With a database override the config is not needed to connect: its problems are then for the checks.
          record({ step: 'config-files', status: databaseFromConfig ? 'failed' : 'warning', ...failure(error) });
          if (databaseFromConfig) return result();
        }
      }
    }

    let summary: DatabaseSummary | undefined;
    try {
      const route = await connection.openDatabase(info.database);
      const client = await route.connect();
      try {
        const probe =
          side === 'synapse'
            ? await probeSynapseDatabase(client, { masEnabledInConfig: info.masIntegrationEnabled })
            : await probeMasDatabase(client);
        summary = {
          serverVersion: probe.serverVersion,
          databaseSize: probe.databaseSize,
          user: probe.user,
          superuser: probe.superuser,
          tls: route.ssl !== false,
        };
        record({
          step: 'database',
          status: 'ok',
          message: `Connected to PostgreSQL ${probe.serverVersion} at ${route.description} (${summary.tls ? 'TLS' : 'no TLS'}); the database holds ${Math.round(probe.databaseSize / 1048576)} MiB.`,
        });
        for (const check of probe.checks) {
          const status = check.ok ? 'ok' : check.id === 'synapse-mas-integration' ? 'warning' : 'failed';
          record({ step: 'privileges', status, message: check.message, code: check.id, ...(check.fix ? { fix: check.fix } : {}) });
        }
      } finally {
        await client.end().catch(() => {});
      }
    } catch (error) {
      record({ step: 'database', status: 'failed', ...failure(error) });
    }
    return result(summary);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await connection.close();
  }
}
