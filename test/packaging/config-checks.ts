import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { Check } from './check';
import { runCommand } from './run-command';

/**
 * The fuses the installers must have (Electron's fuses tutorial). They cannot be flipped on the stand-in binary,
 * so the check compares the config with this list: a fuse switched on or forgotten fails here.
 */
export const intendedFuses = {
  // The installed `mas-migrator` command runs the CLI with ELECTRON_RUN_AS_NODE=1.
  runAsNode: true,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // These two need app.asar, and the app is not archived.
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
};

/** What electron-builder puts in the deb scripts' ${name}s for this app. */
const debTemplateValues: Record<string, string> = { executable: 'mas-migrator-app', sanitizedProductName: 'MAS Migrator' };

interface BuilderConfig {
  asar?: boolean;
  npmRebuild?: boolean;
  electronFuses?: unknown;
  linux?: { executableName?: string };
}

/** What electron-builder.yml and package.json must say for the installers to build and to run right. */
export function configChecks(projectDir: string): Check[] {
  const config = async () => parse(await readFile(join(projectDir, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  return [
    {
      name: 'electron-builder.yml sets the intended Electron fuses',
      run: async () => {
        const fuses = (await config()).electronFuses;
        if (!isDeepStrictEqual(fuses, intendedFuses))
          throw new Error(`electronFuses is ${JSON.stringify(fuses)}, expected ${JSON.stringify(intendedFuses)}`);
      },
    },
    {
      name: 'electron-builder.yml: no archive, no native rebuild, the GUI as mas-migrator-app',
      run: async () => {
        const { asar, npmRebuild, linux } = await config();
        if (asar !== false) throw new Error('asar must be false: PostgreSQL cannot be spawned from inside app.asar');
        if (npmRebuild !== false) throw new Error('npmRebuild must be false: argon2 is N-API and cpu-features cannot be compiled');
        if (linux?.executableName !== 'mas-migrator-app')
          throw new Error(`linux.executableName is ${linux?.executableName}: build/linux/mas-migrator runs mas-migrator-app`);
      },
    },
    {
      name: 'package.json has a homepage and an author with an e-mail (the deb needs both)',
      run: async () => {
        const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as {
          homepage?: string;
          author?: { email?: string };
        };
        if (!pkg.homepage) throw new Error('no homepage: the deb step fails with "Please specify project homepage"');
        if (!pkg.author?.email) throw new Error("no author e-mail: the deb's maintainer needs one");
      },
    },
    {
      name: "the deb's scripts are valid bash and link /usr/bin/mas-migrator to the app's bin/mas-migrator",
      run: async () => {
        for (const name of ['after-install.tpl', 'after-remove.tpl']) {
          // electron-builder fills in ${name}s (app-builder-lib's FpmTarget) before fpm gets the script, and refuses unknown ones.
          const template = await readFile(join(projectDir, 'build/linux', name), 'utf8');
          const script = template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, key: string) => {
            const value = debTemplateValues[key];
            if (value === undefined) throw new Error(`${name} uses \${${key}}, which electron-builder does not fill in`);
            return value;
          });
          const syntax = await runCommand('bash', ['-n', '-c', script]);
          if (syntax.code !== 0) throw new Error(`${name}: ${syntax.stderr.trim()}`);
          if (!script.includes('mas-migrator "$app/bin/mas-migrator"')) throw new Error(`${name} does not handle the mas-migrator command`);
        }
      },
    },
  ];
}
