import { LADDER, type Trede } from '../../../machines';
import { nl } from '../i18n/nl';

/**
 * The Participatieladder drawn as a ladder: trede 6 at the top, 1 at the bottom, with the current
 * trede and the target marked in text (and shape), so it reads without colour.
 */
export function Ladder(props: { current: number; target: number | null }) {
  const rungs = [...LADDER].reverse();
  return (
    <figure className="ladder">
      <figcaption className="ladder__caption">{nl.ladder.title}</figcaption>
      <ol className="ladder__rungs" reversed>
        {rungs.map(({ trede, name }: { trede: Trede; name: string }) => {
          const isCurrent = trede === props.current;
          const isTarget = trede === props.target;
          const classes = ['ladder__rung'];
          if (isCurrent) classes.push('ladder__rung--current');
          if (isTarget) classes.push('ladder__rung--target');
          if (trede < props.current) classes.push('ladder__rung--below');
          return (
            <li
              key={trede}
              className={classes.join(' ')}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <span className="ladder__number">{trede}</span>
              <span className="ladder__name">{name}</span>
              {(isCurrent || isTarget) && (
                <span className="ladder__marks">
                  {isCurrent && <span className="mark mark--current">◆ {nl.ladder.current}</span>}
                  {isTarget && <span className="mark mark--target">◎ {nl.ladder.target}</span>}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
