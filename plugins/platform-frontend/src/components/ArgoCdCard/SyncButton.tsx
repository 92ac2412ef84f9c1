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

/**
 * Sync of the entity's Argo CD application: shown only to users allowed `platform.argocd.sync` on
 * this entity, asks for confirmation, then reports the outcome.
 */
export function SyncButton(props: {
  appNames: string[];
  onSynced: () => void;
}) {
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
        {state.loading ? 'Syncing…' : 'Sync'}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="platform-sync-title"
      >
        <DialogTitle id="platform-sync-title">
          Sync {props.appNames.join(', ')}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Argo CD will apply the desired state from git to the cluster now.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button onClick={confirm} color="primary" variant="contained">
            Sync now
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
            Sync failed: {state.error.message}
          </Alert>
        ) : (
          <Alert severity="success" onClose={() => setShowResult(false)}>
            Sync started for {state.value?.application.name}
            {state.value?.application.operation
              ? ` (${state.value.application.operation.phase})`
              : ''}
          </Alert>
        )}
      </Snackbar>
    </>
  );
}
