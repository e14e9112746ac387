import { memo } from 'react';
import type { CSSProperties, NamedExoticComponent, ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import { formatFixed } from '../model/format';
import type { GaugeId, GaugeLevel } from '../model/gauges';
import { gaugeFraction, gaugeLevel } from '../model/gauges';
import { useGauges } from '../state/scoring-hooks';

interface GaugeProps {
  readonly id: GaugeId;
  readonly value: number | null;
}

/**
 * One measure as a bar on its scale with the engine's threshold marked. Past the threshold the
 * bar is hatched and a filled triangle leads the value; close to it, an outlined one: the level
 * reads without colour.
 */
function GaugeView({ id, value }: GaugeProps): ReactElement {
  const t = useMessages();
  const def = useGauges()[id];
  const level = gaugeLevel(def, value);
  const text = formatFixed(value, def.decimals);
  return (
    <div className={`gauge gauge-${level}`} data-testid="gauge" data-gauge={id} data-value={value ?? ''} data-level={level} data-threshold={def.threshold} data-warn-at={def.warnAt}>
      <span className="gauge-label">{t.gauges[id]}</span>
      {/* One element, drawn by its background (fill, threshold mark): a wall of tiles has thousands of gauges. */}
      <span
        className="gauge-track"
        aria-hidden="true"
        style={{ '--fill': `${(gaugeFraction(def, value) * 100).toFixed(1)}%`, '--mark': `${(gaugeFraction(def, def.threshold) * 100).toFixed(1)}%` } as CSSProperties}
      />
      <span className="gauge-value">
        <LevelMark level={level} />
        {text ?? t.emptyValue}
        {text !== null && def.unit !== '' && <span className="gauge-unit">{def.unit}</span>}
      </span>
    </div>
  );
}

export function LevelMark({ level }: { readonly level: GaugeLevel }): ReactElement | null {
  if (level !== 'alarm' && level !== 'warn') return null;
  return (
    <svg className={`level-mark level-mark-${level}`} viewBox="0 0 10 10" width="9" height="9" aria-hidden="true" focusable="false">
      <polygon points="5,0.8 9.4,9.2 0.6,9.2" />
    </svg>
  );
}

export const Gauge: NamedExoticComponent<GaugeProps> = memo(GaugeView);
