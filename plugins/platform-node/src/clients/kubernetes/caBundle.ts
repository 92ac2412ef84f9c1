import { X509Certificate } from 'node:crypto';
import { failConfig } from '../../config/configSectionReader';

const PEM_BLOCK =
  /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}[\r\n]*$/;

function certificatesIn(pem: string, key: string, form: string): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    failConfig(
      key,
      `${form} holds no '-----BEGIN CERTIFICATE-----' block; expected the API server's CA bundle as PEM text or as base64 of that PEM (a kubeconfig's certificate-authority-data)`,
    );
  }
  blocks.forEach((block, index) => {
    try {
      // eslint-disable-next-line no-new
      new X509Certificate(block);
    } catch {
      failConfig(
        key,
        `certificate ${
          index + 1
        } of the ${form} is not a valid X.509 certificate`,
      );
    }
  });
  return blocks;
}

/**
 * The CA bundle of `platform.kubernetes.caData` as PEM text. The key is documented as a PEM bundle, while a
 * kubeconfig's `certificate-authority-data` is base64 of that PEM: both are accepted, told apart by
 * `-----BEGIN`. Anything else fails start-up naming the key. Only certificates are kept (no private key
 * pasted by mistake travels further).
 */
export function readCaBundle(
  value: string | undefined,
  key: string,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    return failConfig(
      key,
      'is empty; leave the key out to trust the system CAs, or give the PEM bundle (or its base64)',
    );
  }
  if (trimmed.includes('-----BEGIN')) {
    return `${certificatesIn(trimmed, key, 'PEM text').join('\n')}\n`;
  }
  if (!BASE64.test(trimmed)) {
    return failConfig(
      key,
      "is neither PEM text (no '-----BEGIN CERTIFICATE-----') nor base64 of a PEM bundle (characters outside A-Z a-z 0-9 + / =)",
    );
  }
  const decoded = Buffer.from(trimmed.replace(/[\r\n]/g, ''), 'base64')
    .toString('utf8')
    .trim();
  if (!decoded.includes('-----BEGIN')) {
    return failConfig(
      key,
      "is base64 but does not decode to PEM text (no '-----BEGIN CERTIFICATE-----'); give the PEM bundle, or base64 of it as in a kubeconfig's certificate-authority-data",
    );
  }
  return `${certificatesIn(decoded, key, 'base64-decoded PEM').join('\n')}\n`;
}
