import type { TCorrectiveAction } from '@anxin/contracts';
import { useTranslation } from 'react-i18next';

/**
 * An action's title and root cause in the reader's language: a person's as written, the system's
 * (a low claims-service score) worded from its text key and figures.
 */
export function useCorrectiveActionText() {
  const { t } = useTranslation();
  return (a: Pick<TCorrectiveAction, 'title' | 'rootCause' | 'text'>): { title: string; rootCause: string } => {
    if (!a.text) return { title: a.title, rootCause: a.rootCause };
    const p = a.text.params;
    const scores = [p.csat !== undefined ? t('correctiveActions.texts.csat', { score: p.csat }) : null, p.nps !== undefined ? t('correctiveActions.texts.nps', { score: p.nps }) : null]
      .filter(Boolean)
      .join(t('imports.listSeparator'));
    const text = (part: 'title' | 'rootCause', fallback: string) => t(`correctiveActions.texts.${a.text!.key}.${part}`, { ...p, scores, defaultValue: fallback });
    return { title: text('title', a.title), rootCause: text('rootCause', a.rootCause) };
  };
}
