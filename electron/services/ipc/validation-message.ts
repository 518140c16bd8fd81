import type { z } from 'zod';

/** A short, readable summary of what was wrong with a payload: `prompt: Too small; duration: Invalid option`. */
export function describeValidationError(error: z.ZodError, maxIssues = 3): string {
  const parts = error.issues.slice(0, maxIssues).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > maxIssues ? ` (and ${error.issues.length - maxIssues} more)` : '';
  return `${parts.join('; ')}${more}`;
}
