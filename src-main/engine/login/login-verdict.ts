import type { TemplateResult } from './subject-template';
import type { SubjectLink, SubjectLookup } from './subject-links';

/** The answer to "which account does this login land on?" (SPEC §12), with the one line the hosts show. */
export type LoginVerdict =
  | { kind: 'linked'; subject: string; userId: string; origin: SubjectLookup['origin']; line: string }
  | { kind: 'unlinked'; subject: string; origin: SubjectLookup['origin']; line: string }
  | { kind: 'nothing'; missing?: string; line: string }
  | { kind: 'unevaluable'; reason: string; line: string };

/** Before the migration the link is Synapse's; after it, MAS's copy. */
const origins = { synapse: 'in Synapse; it migrates unchanged', mas: 'migrated from Synapse' } as const;

/** One line, in the issue's words: the subject, then whose link it is, or that it is nobody's. */
export function loginVerdict(template: TemplateResult, link?: SubjectLink & { origin: SubjectLookup['origin'] }): LoginVerdict {
  if (template.kind === 'unevaluable')
    return {
      ...template,
      line: `The subject template cannot be evaluated here: ${template.reason}. Check it against MAS's documentation.`,
    };
  if (template.kind === 'nothing')
    return {
      ...template,
      line: `The subject template gave nothing${template.missing ? ` (this login has no claim ${template.missing})` : ''}: MAS cannot match it to any account.`,
    };
  const subject = template.value;
  if (!link) throw new Error('a subject was computed but not looked up');
  const head = `This login is subject ${JSON.stringify(subject)}`;
  if (link.userId === null)
    return {
      kind: 'unlinked',
      subject,
      origin: link.origin,
      line: `${head}: it is linked to nobody${link.reason ? ` (${link.reason})` : ''}: MAS would create a new account or refuse the login.`,
    };
  const line = `${head}: it is ${link.userId}'s link (${origins[link.origin]}).`;
  return { kind: 'linked', subject, userId: link.userId, origin: link.origin, line };
}
