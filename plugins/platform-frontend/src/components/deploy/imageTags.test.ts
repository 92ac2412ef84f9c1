import * as f from '../../__testUtils__/fixtures';
import { imageTag, liveImageTags } from './imageTags';

describe('imageTag', () => {
  it.each([
    ['harbor.example/msa/msa-nginx:42', '42'],
    ['127.0.0.1:5000/msa/msa-nginx:7', '7'],
    ['127.0.0.1:5000/msa/msa-nginx', undefined],
    ['nginx:1.27@sha256:abcdef', '1.27'],
    ['nginx@sha256:abcdef', undefined],
    ['nginx:', undefined],
  ])('%s -> %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

describe('liveImageTags', () => {
  it('collects the tags of every application', () => {
    const value = {
      applications: [
        f.argocd.applications[0],
        {
          ...f.argocd.applications[0],
          name: 'second',
          images: ['r/x:43', 'r/sidecar'],
        },
      ],
    };
    expect([...liveImageTags(value)].sort()).toEqual(['42', '43']);
  });

  it('is empty without an answer', () => {
    expect(liveImageTags(undefined).size).toBe(0);
  });
});
