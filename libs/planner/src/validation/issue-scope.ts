import type { PlanIssue, PlanIssueCode } from '../plan-issue';

/**
 * The plan or one task, as the subject of issues: every message starts with its label
 * (`plan`, `tasks[4]`, `task "payment" (tasks[0])`) and every path with its base path.
 */
export class IssueScope {
  constructor(
    private readonly issues: PlanIssue[],
    readonly label: string,
    readonly basePath: string,
    readonly taskId?: string,
  ) {}

  /**
   * `field` may carry an index suffix (`dependencies[2]`) or be a bracketed key (`["odd key"]`, see
   * `keySegment`); `''` means the scope itself.
   */
  pathOf(field: string): string {
    if (field === '') return this.basePath;
    if (this.basePath === '') return field;
    return field.startsWith('[') ? `${this.basePath}${field}` : `${this.basePath}.${field}`;
  }

  report(code: PlanIssueCode, field: string, text: string): void {
    const issue: PlanIssue = { code, path: this.pathOf(field), message: `${this.label}: ${text}` };
    if (this.taskId !== undefined) issue.taskId = this.taskId;
    this.issues.push(issue);
  }

  /** A narrower scope for a nested object (`parallelGroups[1]`), labelled by its path. */
  nested(field: string): IssueScope {
    const path = this.pathOf(field);
    return new IssueScope(this.issues, path, path, this.taskId);
  }
}
