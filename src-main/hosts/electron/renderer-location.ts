import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy, devServerContentSecurityPolicy } from '../security-policy';

/** Where the window's page comes from: the built index.html, or the dev server of `npm run dev`. */
export type RendererLocation = { kind: 'file'; url: string } | { kind: 'dev-server'; url: string };

export interface RendererLocationOptions {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, which electron-vite sets for `npm run dev`. */
  devServerUrl: string | undefined;
  /** The built page (out/renderer/index.html). */
  indexHtml: string;
}

/** A packaged app always loads its own file: whatever ELECTRON_RENDERER_URL says is ignored there. */
export function rendererLocation({ isPackaged, devServerUrl, indexHtml }: RendererLocationOptions): RendererLocation {
  if (isPackaged || !devServerUrl) return { kind: 'file', url: pathToFileURL(indexHtml).href };
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `ELECTRON_RENDERER_URL must be the http(s) address of the dev server, not "${devServerUrl}". Unset it to load the built page.`,
    );
  }
  return { kind: 'dev-server', url: url.href };
}

/** The app's own page: the built file itself (any query or fragment), or any page of the dev server's origin. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const own = new URL(location.url);
  if (location.kind === 'dev-server') return parsed.origin === own.origin;
  return parsed.protocol === 'file:' && parsed.host === own.host && parsed.pathname === own.pathname;
}

/** What identifies a frame (the part of Electron's WebFrameMain used here). */
export interface FrameIdentity {
  readonly url: string;
  readonly processId: number;
  readonly frameToken: string;
}

/**
 * Electron's security checklist, item 17, "Validate the sender of all IPC messages": a message counts only
 * when it comes from the window's main frame, showing the app's own page. `senderFrame` is null when the
 * frame "has either navigated or been destroyed" (IpcMainEvent docs): such a message is dropped too.
 */
export function isTrustedSender(frame: FrameIdentity | null, mainFrame: FrameIdentity, location: RendererLocation): boolean {
  if (!frame) return false;
  if (frame.processId !== mainFrame.processId || frame.frameToken !== mainFrame.frameToken) return false;
  return isAppUrl(frame.url, location);
}

/**
 * The policy header the window's session adds to every response: the app's own, or the dev server's
 * (whose inline Fast Refresh preamble Vite puts before the page's meta tag, so the header is what
 * governs it: with the app's own policy, `npm run dev` showed a blank window).
 */
export function headerPolicyFor(location: RendererLocation): string {
  return location.kind === 'dev-server' ? devServerContentSecurityPolicy : contentSecurityPolicy;
}
