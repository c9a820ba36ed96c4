import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFile } from '../../../src-main/hosts/web/renderer-files';
import { isOwnHost, parseTarget } from '../../../src-main/hosts/web/request-guard';

describe('the web host names it answers to', () => {
  it('accepts 127.0.0.1 and localhost with its port, in any case', () => {
    expect(isOwnHost('127.0.0.1:4711', 4711)).toBe(true);
    expect(isOwnHost('LocalHost:4711', 4711)).toBe(true);
  });

  it('refuses other names, other ports, a missing port and a missing header', () => {
    for (const host of ['evil.example:4711', '127.0.0.1:4712', '127.0.0.1', '[::1]:4711', '127.0.0.1:4711.evil', '']) {
      expect(isOwnHost(host, 4711), host).toBe(false);
    }
    expect(isOwnHost(undefined, 4711)).toBe(false);
  });

  it('accepts the port-less form only on port 80, where browsers leave it out', () => {
    expect(isOwnHost('localhost', 80)).toBe(true);
    expect(isOwnHost('localhost:80', 80)).toBe(true);
  });
});

describe('request targets', () => {
  it('only the origin form browsers send is parsed', () => {
    expect(parseTarget('/ipc?token=a')?.searchParams.get('token')).toBe('a');
    for (const target of ['http://[', 'http://127.0.0.1/', '*', '//evil.example/x', '', undefined]) {
      expect(parseTarget(target), String(target)).toBeNull();
    }
  });

  const dir = join('/srv', 'renderer');
  it('maps paths into the renderer folder', () => {
    expect(rendererFile(dir, '/')).toEqual({ file: join(dir, 'index.html') });
    expect(rendererFile(dir, '/assets/a%20b.js?x=1')).toEqual({ file: join(dir, 'assets', 'a b.js') });
  });

  it('a malformed escape or a NUL is a 400, a way out of the folder a 404', () => {
    for (const target of ['/%zz', '/%', '/assets/%C0', '/%00', 'http://['])
      expect(rendererFile(dir, target), target).toEqual({ status: 400 });
    for (const target of ['/..%2f..%2fetc/passwd', '/assets/%2e%2e%2f%2e%2e%2fsecret', '/assets/..%2F..%2Fsecret']) {
      expect(rendererFile(dir, target), target).toEqual({ status: 404 });
    }
  });
});
