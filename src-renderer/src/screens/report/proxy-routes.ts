/** The legacy client endpoints MAS takes over (SPEC §9), as reverse-proxy snippets. */
export const legacyAuthPathRegex = '^/_matrix/client/(.*)/(login|logout|refresh)';

export function nginxSnippet(masUpstream: string): string {
  return `# Before the location that proxies to Synapse:
location ~ ${legacyAuthPathRegex} {
    proxy_pass ${masUpstream};
    proxy_http_version 1.1;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
}`;
}
