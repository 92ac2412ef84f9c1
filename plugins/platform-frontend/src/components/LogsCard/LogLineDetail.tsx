import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { useMemo } from 'react';
import { parseLogFields } from './logFields';
import { useLogStyles } from './useLogStyles';
import { platformTranslationRef } from '../../translation';

/**
 * The expanded view of one log line: the whole text, wrapped, then its parsed fields (JSON or logfmt) and
 * its stream labels.
 */
export function LogLineDetail(props: { id: string; line: LogLine }) {
  const classes = useLogStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { line } = props;
  const fields = useMemo(() => parseLogFields(line.line), [line.line]);
  const labels = Object.entries(line.labels);
  return (
    <div id={props.id} className={classes.detail} data-testid="log-detail">
      <div className={classes.fullText}>{line.line}</div>
      {fields.length > 0 && (
        <table
          className={classes.fields}
          aria-label={t('logsCard.parsedFields')}
        >
          <tbody>
            {fields.map(([key, value], i) => (
              // The same key may come twice in logfmt, so the position is part of the key.
              <tr key={`${i}-${key}`}>
                <th scope="row">{key}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {labels.length > 0 && (
        <div className={classes.labels}>
          {t('logsCard.labels', {
            labels: labels.map(([key, value]) => `${key}=${value}`).join(', '),
          })}
        </div>
      )}
    </div>
  );
}
