import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import { createServices } from '../../ipc/context';
import { createRouter } from '../../ipc/router';
import { handlers } from '../../ipc/handlers';
import { createFrameSession } from '../frame-session';
import { contentSecurityPolicy } from '../security-policy';
import { hardenedWindowOptions, isSafeExternalUrl } from './window-options';

const here = fileURLToPath(new URL('.', import.meta.url));
// safeStorage protects stored secrets with the OS keyring when it is a real one; the profile store falls back to the passphrase vault otherwise.
const router = createRouter(
  handlers,
  createServices({
    host: 'electron',
    dataDir: app.getPath('userData'),
    env: process.env,
    safeStorage,
    masSchemaPath: process.env.MAS_MIGRATOR_MAS_SCHEMA,
  }),
);

function createWindow(): void {
  const window = new BrowserWindow(hardenedWindowOptions(join(here, '../preload/preload.cjs')));
  const frames = createFrameSession(router, (frame) => {
    if (!window.isDestroyed()) window.webContents.send('ipc:frame', frame);
  });
  const onFrame = (event: Electron.IpcMainEvent, frame: unknown) => {
    if (event.sender === window.webContents) frames.receive(frame);
  };
  ipcMain.on('ipc:frame', onFrame);
  window.on('closed', () => {
    ipcMain.off('ipc:frame', onFrame);
    frames.close();
  });

  // Navigation away from the app and new windows are never allowed.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());

  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(here, '../renderer/index.html'));
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
