import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { AppError } from '../../../src-shared/errors';
import { redactSecrets } from '../../../src-shared/redact';
import { createServices } from '../../ipc/context';
import { handlers } from '../../ipc/handlers';
import { createRouter, type Router } from '../../ipc/router';
import { cleanUpBeforeQuit, takeSingleInstanceLock } from './app-lifecycle';
import { isAppLoadFailure, loadFailurePage } from './load-failure-page';
import { createPageSessions } from './page-sessions';
import { headerPolicyFor, isTrustedSender, rendererLocation } from './renderer-location';
import { hardenedWindowOptions, isSafeExternalUrl, isSafeLoginUrl } from './window-options';

// Nothing here touches safeStorage, sessions or windows before app.whenReady(): the ESM main module may run
// before or after 'ready', and before it safeStorage answers false on Linux and Windows (its docs).
const here = fileURLToPath(new URL('.', import.meta.url));
const location = rendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  indexHtml: join(here, '../renderer/index.html'),
});
const quitTimeoutMs = 10_000;
let router: Router | undefined;
let mainWindow: BrowserWindow | undefined;

if (takeSingleInstanceLock(app, showWindow)) void start();

async function start(): Promise<void> {
  await app.whenReady();
  // The vault kind is chosen here, once, now that safeStorage knows the OS keyring (profile-runtime.ts).
  const services = createServices({
    host: 'electron',
    dataDir: app.getPath('userData'),
    env: process.env,
    safeStorage,
    masSchemaPath: process.env.MAS_MIGRATOR_MAS_SCHEMA,
    openExternal: openLoginUrl,
  });
  cleanUpBeforeQuit(app, () => services.shutdown(), {
    timeoutMs: quitTimeoutMs,
    onProblem: (problem) => console.error(redactSecrets(problem)),
  });
  await services.clearLeftovers().catch((error: unknown) => {
    console.error(redactSecrets(`A sandbox left by an earlier run could not be cleared: ${(error as Error).message}`));
  });
  router = createRouter(handlers, services);

  const headerPolicy = headerPolicyFor(location);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [headerPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  showWindow();
  app.on('activate', showWindow);
}

/** A test login's URL goes to the system browser, never into the app's window (SPEC §12). */
async function openLoginUrl(url: string): Promise<void> {
  if (!isSafeLoginUrl(url))
    throw new AppError('login-provider-error', `The provider's authorization URL ${url} is not an http(s) address; it was not opened.`);
  await shell.openExternal(url);
}

/** The one window: brought to the front when it exists (a second instance was started), made otherwise. */
function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  } else if (router) {
    mainWindow = createWindow(router);
  }
}

/** Loads the app's page; a failure is answered by 'did-fail-load' below. */
function loadApp(window: BrowserWindow): void {
  window.loadURL(location.url).catch(() => {});
}

function createWindow(router: Router): BrowserWindow {
  const window = new BrowserWindow(hardenedWindowOptions(join(here, '../preload/preload.cjs')));
  const contents = window.webContents;
  const pages = createPageSessions(router, (frame) => {
    if (!window.isDestroyed()) contents.send('ipc:frame', frame);
  });
  const onFrame = (event: Electron.IpcMainEvent, frame: unknown) => {
    if (event.sender === contents && isTrustedSender(event.senderFrame, contents.mainFrame, location)) pages.receive(frame);
  };
  ipcMain.on('ipc:frame', onFrame);
  window.on('closed', () => {
    ipcMain.off('ipc:frame', onFrame);
    pages.close();
    if (mainWindow === window) mainWindow = undefined;
  });

  // A new document in the main frame (a navigation, a reload) is a new page with its own call ids.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) pages.newPage();
  });
  contents.on('render-process-gone', (_event, details) => {
    console.error(`The window's page ended (${details.reason}, exit code ${details.exitCode}).`);
    pages.newPage();
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) offerReload(window, details.reason);
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, url, isMainFrame) => {
    if (!isAppLoadFailure(errorCode, url, isMainFrame, location)) return;
    console.error(`The window's page ${url} failed to load (${errorDescription}).`);
    window
      .loadURL(loadFailurePage(errorDescription, url))
      .catch(() => {})
      .finally(() => {
        if (!window.isDestroyed()) window.show();
      });
  });

  // Navigation away from the app and new windows are never allowed.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  loadApp(window);
  return window;
}

function offerReload(window: BrowserWindow, reason: string): void {
  void dialog
    .showMessageBox(window, {
      type: 'error',
      message: 'The MAS Migrator window stopped working.',
      detail: `Its page ended (${reason}); what it was running was stopped. Reload it to go on, or quit.`,
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    })
    .then(({ response }) => {
      if (response === 1) app.quit();
      else if (!window.isDestroyed()) loadApp(window);
    });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
