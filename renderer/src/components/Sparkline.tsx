import type { ReactElement } from 'react';
import { sparklinePath, sparklineRange } from '../model/sparkline';

interface SparklineProps {
  readonly values: ReadonlyArray<number>;
  readonly capacity: number;
  readonly width?: number;
  readonly height?: number;
  /** The smallest span drawn, so sensor noise on a steady board stays a flat line. */
  readonly minSpan?: number;
  readonly label: string;
  readonly className?: string;
}

/** A small line of the newest readings, the newest at the right edge. */
export function Sparkline({ values, capacity, width = 120, height = 28, minSpan = 2, label, className }: SparklineProps): ReactElement {
  const range = sparklineRange(values, minSpan);
  const d = sparklinePath(values, width, height, range, capacity);
  return (
    <svg
      className={className === undefined ? 'sparkline' : `sparkline ${className}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-points={values.length}
    >
      {d !== '' && <path d={d} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
