import { markerBuild } from './markerBuild';

const marker = {
  at: '2026-01-01T11:30:00Z',
  revision: 'bbbbbbb',
  application: 'msa-nginx',
};

describe('markerBuild', () => {
  it('is the image tag when it is a build number', () => {
    expect(
      markerBuild({ ...marker, images: ['harbor.example/msa/msa-nginx:41'] }),
    ).toBe('41');
  });

  it('joins the distinct builds of several images', () => {
    expect(
      markerBuild({
        ...marker,
        images: ['r/a:41', 'r/b:41', '127.0.0.1:5000/c:7'],
      }),
    ).toBe('41, 7');
  });

  it('is undefined without images, or for a tag that is not a build number', () => {
    expect(markerBuild(marker)).toBeUndefined();
    expect(markerBuild({ ...marker, images: [] })).toBeUndefined();
    expect(
      markerBuild({ ...marker, images: ['r/a:41', 'nginx:1.27'] }),
    ).toBeUndefined();
    expect(markerBuild({ ...marker, images: ['r/a'] })).toBeUndefined();
  });
});
