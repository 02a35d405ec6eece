// Images given by name: which containers each one replaces, and the refusals
// that come before any write.
import { imageName, matchImages } from '../../src/operations/env-images.js'

const services = [
  {
    service_name: 'svc-a',
    containers: [
      { name: 'app', image: 'harbor.example.com/library/svc-a:1.0.0' },
      { name: 'sidecar', image: 'harbor.example.com/library/envoy:1.2' }
    ]
  },
  {
    service_name: 'svc-b',
    containers: [
      { name: 'app', image: 'harbor.example.com/library/svc-b@sha256:abc' }
    ]
  }
]

describe('images by name', () => {
  it.each([
    ['ghcr.io/org/svc-a:c1', 'svc-a'],
    ['localhost:5000/svc-a', 'svc-a'],
    ['svc-b@sha256:0123', 'svc-b'],
    ['registry:5000/team/svc-b:1.0@sha256:0123', 'svc-b']
  ])('%s is named %s', (ref, name) => {
    expect(imageName(ref)).toBe(name)
  })

  it('replaces the containers whose image has the same name, whatever the registry or tag', () => {
    expect(
      matchImages(
        ['ghcr.io/org/svc-a:c1', 'ghcr.io/org/svc-b:c1'],
        services,
        'dev'
      )
    ).toEqual([
      { service: 'svc-a', container: 'app', image: 'ghcr.io/org/svc-a:c1' },
      { service: 'svc-b', container: 'app', image: 'ghcr.io/org/svc-b:c1' }
    ])
  })

  it('refuses an image that matches nothing, naming what runs', () => {
    expect(() => matchImages(['ghcr.io/org/web:c1'], services, 'dev')).toThrow(
      'images: ghcr.io/org/web:c1 match no container of dev (its images are named svc-a, envoy, svc-b)'
    )
  })

  it('refuses two images of one name', () => {
    expect(() =>
      matchImages(['a.io/svc-a:1', 'b.io/svc-a:2'], services, 'dev')
    ).toThrow('are both named svc-a')
  })
})
