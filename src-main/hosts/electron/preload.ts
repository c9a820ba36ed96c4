import { contextBridge, ipcRenderer } from 'electron';

/**
 * The only thing the renderer gets from Electron: a pipe for the frames of
 * src-shared/wire.ts. The typed client in the renderer is built on top of it.
 */
contextBridge.exposeInMainWorld('masMigratorFrames', {
  send(frame: unknown): void {
    ipcRenderer.send('ipc:frame', frame);
  },
  onFrame(listener: (frame: unknown) => void): void {
    ipcRenderer.on('ipc:frame', (_event, frame: unknown) => listener(frame));
  },
});
