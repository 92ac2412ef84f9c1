import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Snackbar from '@material-ui/core/Snackbar';
import Alert from '@material-ui/lab/Alert';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { platformArgocdSyncPermission } from '@paved-road/backstage-plugin-platform-common';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../api';
import { useEntityRef } from '../../hooks/usePlatformSource';
import { platformTranslationRef } from '../../translation';

/**
 * Sync of the entity's Argo CD application: shown only to users allowed `platform.argocd.sync` on
 * this entity, asks for confirmation, then reports the outcome.
 */
export function SyncButton(props: {
  appNames: string[];
  onSynced: () => void;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const api = useApi(platformApiRef);
  const entityRef = useEntityRef();
  const { allowed, loading } = usePermission({
    permission: platformArgocdSyncPermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  const [open, setOpen] = useState(false);
  const [showResult, setShowResult] = useState(false);
  const [state, sync] = useAsyncFn(async () => {
    const response = await api.syncArgoCd(entityRef);
    props.onSynced();
    return response;
  }, [api, entityRef, props.onSynced]);

  if (loading || !allowed) return null;

  const confirm = async () => {
    setOpen(false);
    await sync();
    setShowResult(true);
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        color="primary"
        disabled={state.loading}
        onClick={() => setOpen(true)}
      >
        {state.loading ? t('argocdCard.syncing') : t('argocdCard.sync')}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="platform-sync-title"
      >
        <DialogTitle id="platform-sync-title">
          {t('argocdCard.syncTitle', { apps: props.appNames.join(', ') })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{t('argocdCard.syncText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>
            {t('argocdCard.cancel')}
          </Button>
          <Button onClick={confirm} color="primary" variant="contained">
            {t('argocdCard.syncNow')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar
        open={showResult && !state.loading}
        autoHideDuration={8000}
        onClose={() => setShowResult(false)}
      >
        {state.error ? (
          <Alert severity="error" onClose={() => setShowResult(false)}>
            {t('argocdCard.syncFailed', { message: state.error.message })}
          </Alert>
        ) : (
          <Alert severity="success" onClose={() => setShowResult(false)}>
            {t('argocdCard.syncStarted', {
              app: state.value?.application.name ?? '',
            })}
            {state.value?.application.operation
              ? ` (${state.value.application.operation.phase})`
              : ''}
          </Alert>
        )}
      </Snackbar>
    </>
  );
}
