import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Snackbar from '@material-ui/core/Snackbar';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../api';
import { useEntityRef } from '../../hooks/usePlatformSource';
import { platformTranslationRef } from '../../translation';
import { LoadingState } from '../states';
import { announceDeploy } from './deployEvents';
import { refusalMessage } from './refusalMessage';

/**
 * "Deploy build #N": opens a dialog with the commit's diff (a dry run of the backend), deploys on confirmation
 * and tells the page's Argo CD card to follow it. Render it only for users allowed `platform.deploy.write`
 * (see useDeployPermission); the backend checks again.
 */
export function DeployBuildButton(props: { build: number }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const api = useApi(platformApiRef);
  const entityRef = useEntityRef();
  const { build } = props;
  const [open, setOpen] = useState(false);
  const [showResult, setShowResult] = useState(false);
  const [preview, loadPreview] = useAsyncFn(
    () => api.deploy(entityRef, build, { dryRun: true }),
    [api, entityRef, build],
  );
  const [deployed, deploy] = useAsyncFn(async () => {
    const response = await api.deploy(entityRef, build);
    announceDeploy({
      entityRef: stringifyEntityRef(entityRef),
      tag: response.tag,
    });
    return response;
  }, [api, entityRef, build]);

  const titleId = `platform-deploy-title-${build}`;
  const start = () => {
    setOpen(true);
    loadPreview();
  };
  const confirm = async () => {
    const response = await deploy();
    if (response) {
      setOpen(false);
      setShowResult(true);
    }
  };
  const refusal = deployed.error ?? preview.error;

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        color="primary"
        disabled={deployed.loading}
        onClick={start}
      >
        {t('deploy.button', { build: String(build) })}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id={titleId}>
          {t('deploy.title', { build: String(build) })}
        </DialogTitle>
        <DialogContent>
          {preview.loading && <LoadingState label={t('deploy.preview')} />}
          {refusal && (
            <Alert severity="error" data-testid="platform-deploy-refusal">
              {t('deploy.refused', { message: refusalMessage(refusal) })}
            </Alert>
          )}
          {preview.value && !preview.loading && (
            <>
              <DialogContentText>
                {t('deploy.summary', {
                  path: preview.value.path,
                  previousTag: preview.value.previousTag,
                  tag: preview.value.tag,
                })}
              </DialogContentText>
              <Typography
                component="pre"
                variant="body2"
                aria-label={t('deploy.diff')}
                data-testid="platform-deploy-diff"
                style={{ overflowX: 'auto', whiteSpace: 'pre' }}
              >
                {preview.value.diff}
              </Typography>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('deploy.cancel')}</Button>
          <Button
            onClick={confirm}
            color="primary"
            variant="contained"
            disabled={!preview.value || preview.loading || deployed.loading}
          >
            {deployed.loading
              ? t('deploy.deploying')
              : t('deploy.confirm', { build: String(build) })}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar
        open={showResult}
        autoHideDuration={8000}
        onClose={() => setShowResult(false)}
      >
        <Alert severity="success" onClose={() => setShowResult(false)}>
          {t('deploy.done', {
            build: String(build),
            commit: deployed.value?.commitSha?.slice(0, 7) ?? '',
          })}
        </Alert>
      </Snackbar>
    </>
  );
}
