import { describe, expect, it } from 'vitest';
import { loginVerdict } from '../../../src-main/engine/login/login-verdict';
import { evaluateSubjectTemplate } from '../../../src-main/engine/login/subject-template';

const claims = {
  sub: 'f3a9',
  preferred_username: 'Alice.Smith',
  email: 'Alice@Example.ORG',
  uid: 12345,
  ratio: 1.5,
  admin: true,
  groups: ['a'],
  federated_claims: { user_id: 'alice', connector_id: 'ldap' },
  empty: '',
  nothing: null,
};
const evaluate = (template: string) => evaluateSubjectTemplate(template, claims);

describe('subject template evaluation (SPEC §12: attribute paths and lower, nothing else)', () => {
  it('reads attribute paths, nested ones included, with or without spaces', () => {
    expect(evaluate('{{ user.sub }}')).toEqual({ kind: 'value', value: 'f3a9' });
    expect(evaluate('{{user.sub}}')).toEqual({ kind: 'value', value: 'f3a9' });
    expect(evaluate('{{   user.federated_claims.user_id\t}}')).toEqual({ kind: 'value', value: 'alice' });
  });

  it('applies lower, however it is spaced, and keeps plain text around expressions verbatim', () => {
    expect(evaluate('{{ user.email | lower }}')).toEqual({ kind: 'value', value: 'alice@example.org' });
    expect(evaluate('{{user.preferred_username|lower}}')).toEqual({ kind: 'value', value: 'alice.smith' });
    expect(evaluate('{{ user.email | lower | lower }}')).toEqual({ kind: 'value', value: 'alice@example.org' });
    expect(evaluate('ldap:{{ user.federated_claims.user_id }}/{{ user.sub }} }}')).toEqual({
      kind: 'value',
      value: 'ldap:alice/f3a9 }}',
    });
    expect(evaluate('{{ user.preferred_username }}')).toEqual({ kind: 'value', value: 'Alice.Smith' });
  });

  it('renders an integer claim as its decimal digits', () => {
    expect(evaluate('{{ user.uid }}')).toEqual({ kind: 'value', value: '12345' });
  });

  it('a missing, null or empty claim gives nothing, naming the claim', () => {
    expect(evaluate('{{ user.oid }}')).toEqual({ kind: 'nothing', missing: 'user.oid' });
    expect(evaluate('{{ user.federated_claims.missing }}')).toEqual({ kind: 'nothing', missing: 'user.federated_claims.missing' });
    expect(evaluate('{{ user.sub.deeper }}')).toEqual({ kind: 'nothing', missing: 'user.sub.deeper' });
    expect(evaluate('{{ user.nothing }}')).toEqual({ kind: 'nothing', missing: 'user.nothing' });
    expect(evaluate('{{ user.empty }}')).toEqual({ kind: 'nothing' });
    expect(evaluate('')).toEqual({ kind: 'nothing' });
  });

  it('inherited properties are not claims', () => {
    expect(evaluate('{{ user.constructor }}')).toEqual({ kind: 'nothing', missing: 'user.constructor' });
  });

  it.each([
    ['{{ user.email | upper }}', 'the filter "upper"'],
    ['{{ user.email | lower | trim }}', 'the filter "trim"'],
    ['{% if user.sub %}{{ user.sub }}{% endif %}', 'a tag'],
    ['{# comment #}{{ user.sub }}', 'a comment'],
    ['{{- user.sub }}', 'whitespace control'],
    ['{{ user.sub -}}', 'whitespace control'],
    ['{{ user["sub"] }}', 'not a plain attribute path'],
    ['{{ user.sub ~ "x" }}', 'not a plain attribute path'],
    ['{{ claims.sub }}', 'not a plain attribute path'],
    ['{{ "literal" }}', 'not a plain attribute path'],
    ['{{ user }}', 'not a plain attribute path'],
    ['{{ user.sub', 'never closed'],
    ['{{ user.ratio }}', 'user.ratio is a number'],
    ['{{ user.uid | lower }}', 'user.uid is a number'],
    ['{{ user.admin }}', 'user.admin is a boolean'],
    ['{{ user.groups }}', 'user.groups is a list'],
    ['{{ user.federated_claims }}', 'user.federated_claims is an object'],
  ])('%s cannot be evaluated (%s), never guessed', (template, reason) => {
    const result = evaluate(template);
    expect(result.kind).toBe('unevaluable');
    expect(result.kind === 'unevaluable' && result.reason).toContain(reason);
  });
});

describe('the one-line verdict', () => {
  const value = { kind: 'value', value: 'alice' } as const;

  it('names the user whose link it is, and where the link lives', () => {
    expect(loginVerdict(value, { userId: '@alice:example.org', origin: 'mas' }).line).toBe(
      'This login is subject "alice": it is @alice:example.org\'s link (migrated from Synapse).',
    );
    expect(loginVerdict(value, { userId: '@alice:example.org', origin: 'synapse' }).line).toBe(
      'This login is subject "alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).',
    );
  });

  it('says when the subject is linked to nobody', () => {
    expect(loginVerdict(value, { userId: null, origin: 'synapse' })).toEqual({
      kind: 'unlinked',
      subject: 'alice',
      origin: 'synapse',
      line: 'This login is subject "alice": it is linked to nobody: MAS would create a new account or refuse the login.',
    });
  });

  it('says when the template gave nothing or cannot be evaluated', () => {
    expect(loginVerdict({ kind: 'nothing', missing: 'user.oid' }).line).toBe(
      'The subject template gave nothing (this login has no claim user.oid): MAS cannot match it to any account.',
    );
    expect(loginVerdict({ kind: 'unevaluable', reason: 'the filter "upper" is not evaluated here' }).line).toContain(
      'cannot be evaluated here: the filter "upper"',
    );
  });
});
