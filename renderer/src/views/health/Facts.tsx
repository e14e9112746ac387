import type { ReactElement, ReactNode } from 'react';

/** One figure of a card: a term and its value; `bad` marks a value that needs attention (text says so too). */
export function Fact({ term, children, testId, bad = false, value }: {
  readonly term: string;
  readonly children: ReactNode;
  readonly testId?: string;
  readonly bad?: boolean;
  /** A machine-readable value for tests and tools (data-value). */
  readonly value?: string | number;
}): ReactElement {
  return (
    <div className={bad ? 'fact-bad' : undefined} data-testid={testId} data-value={value}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
