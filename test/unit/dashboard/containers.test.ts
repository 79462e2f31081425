import * as assert from 'node:assert/strict';
import {
  rowFromInspect, formatUptime, imageLabel, imageTagKey, rebuiltRow, groupContainers, isWorkspaceContainer, parseHumanDuration, portUrl, toContainerRow, type ContainerListEntry,
} from '../../../src/core/dashboard/containers';

const NOW = Date.UTC(2025, 0, 1, 12);
const entry = (over: Partial<ContainerListEntry>): ContainerListEntry => ({
  Id: 'a'.repeat(64), Names: ['/web'], Image: 'python:3.12-slim', State: 'running', Status: 'Up 5 minutes', Created: 1_700_000_000, Ports: [], Labels: {}, ...over,
});

describe('dashboard containers', () => {
  it('reads a list entry: name without the slash, health from the status, start time from "Up ..."', () => {
    const row = toContainerRow(entry({ Status: 'Up 3 minutes (healthy)' }), NOW);
    assert.equal(row.name, 'web');
    assert.equal(row.health, 'healthy');
    assert.equal(row.startedAt, NOW - 180_000);
    assert.equal(toContainerRow(entry({ Status: 'Up 2 seconds (health: starting)' }), NOW).health, 'starting');
    assert.equal(toContainerRow(entry({ State: 'exited', Status: 'Exited (0) 2 hours ago' }), NOW).startedAt, undefined);
  });

  it('parses Docker\'s human durations', () => {
    assert.equal(parseHumanDuration('Less than a second'), 0);
    assert.equal(parseHumanDuration('About an hour'), 3600);
    assert.equal(parseHumanDuration('2 days'), 172_800);
    assert.equal(parseHumanDuration('about a minute'), 60);
    assert.equal(parseHumanDuration('soon'), undefined);
  });

  it('lists each published port once (IPv4 and IPv6 bindings), unpublished ports not at all', () => {
    const row = toContainerRow(entry({ Ports: [
      { IP: '0.0.0.0', PrivatePort: 8000, PublicPort: 18000, Type: 'tcp' },
      { IP: '::', PrivatePort: 8000, PublicPort: 18000, Type: 'tcp' },
      { PrivatePort: 5432, Type: 'tcp' },
    ] }), NOW);
    assert.deepEqual(row.ports, [{ hostIp: '0.0.0.0', hostPort: 18000, containerPort: 8000, protocol: 'tcp' }]);
    assert.equal(portUrl(row.ports[0]), 'http://localhost:18000/');
    assert.equal(portUrl({ hostIp: '127.0.0.1', hostPort: 1, containerPort: 1, protocol: 'tcp' }), 'http://127.0.0.1:1/');
  });

  it('keeps hostile names and labels as they are (the webview sets them as text)', () => {
    const row = toContainerRow(entry({ Names: ['/<img src=x onerror=alert(1)>'], Labels: { 'com.docker.compose.project': '<script>p</script>' } }), NOW);
    assert.equal(row.name, '<img src=x onerror=alert(1)>');
    assert.equal(groupContainers([row])[0].title, '<script>p</script>');
  });

  it('groups by compose project (v2 and 1.29 labels), the workspace\'s first, loose containers last', () => {
    const compose = (id: string, project: string, service: string, dir: string) => toContainerRow(entry({
      Id: id, Names: [`/${project}_${service}_1`],
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.project.working_dir': dir },
    }), NOW);
    const workspace = { folders: ['/home/me/shop'], apps: [{ root: '/home/me/shop/api', name: 'api' }] };
    const rows = [
      compose('1', 'other', 'db', '/srv/other'),
      compose('2', 'shop', 'web', '/home/me/shop'),
      compose('3', 'shop', 'db', '/home/me/shop'),
      toContainerRow(entry({ Id: '4', Names: ['/loose'] }), NOW),
      toContainerRow(entry({ Id: '5', Names: ['/api-run'], Labels: { 'dockwright.app': 'api' } }), NOW),
    ].map((r) => ({ ...r, workspace: isWorkspaceContainer(r, workspace) }));
    const groups = groupContainers(rows);
    assert.deepEqual(groups.map((g) => [g.title, g.workspace, g.rows.map((r) => r.id)]), [
      ['This workspace', true, ['5']],
      ['shop', true, ['3', '2']],
      ['other', false, ['1']],
      ['Other containers', false, ['4']],
    ]);
  });

  it('a path that only starts like the workspace folder is not inside it', () => {
    assert.equal(isWorkspaceContainer({ workingDir: '/home/me/shop-old' }, { folders: ['/home/me/shop'], apps: [] }), false);
    assert.equal(isWorkspaceContainer({ workingDir: '/home/me/shop/sub' }, { folders: ['/home/me/shop/'], apps: [] }), true);
  });

  it('formats uptime compactly', () => {
    assert.deepEqual([5e3, 90e3, 3600e3 * 2 + 60e3 * 5, 86400e3 * 3].map(formatUptime), ['5s', '1m', '2h 5m', '3d']);
  });

  it('reads an inspect (used after events: it sees the state the list does not show yet)', () => {
    const row = rowFromInspect({
      Id: 'b'.repeat(64), Name: '/api', Created: '2025-01-01T11:00:00Z',
      Config: { Image: 'shop:dev', Labels: { 'com.docker.compose.project': 'shop' } },
      State: { Status: 'running', StartedAt: '2025-01-01T11:30:00Z', Health: { Status: 'healthy' } },
      NetworkSettings: { Ports: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '18000' }], '9000/tcp': null } },
    }, NOW);
    assert.deepEqual([row.name, row.image, row.state, row.health, row.status, row.project], ['api', 'shop:dev', 'running', 'healthy', 'Up (healthy)', 'shop']);
    assert.equal(row.startedAt, Date.UTC(2025, 0, 1, 11, 30));
    assert.deepEqual(row.ports, [{ hostIp: '127.0.0.1', hostPort: 18000, containerPort: 8000, protocol: 'tcp' }]);
    const exited = rowFromInspect({ Id: 'c', Name: '/x', State: { Status: 'exited', ExitCode: 137 } }, NOW);
    assert.deepEqual([exited.status, exited.startedAt], ['Exited (137)', undefined]);
  });
});

describe('imageLabel (the Image column)', () => {
  const id = `sha256:${'3f2a9c1b7d4e'}${'0'.repeat(52)}`;

  it('an untagged image (or one whose tag moved on): the short id, the full one and why in the tooltip', () => {
    const label = imageLabel({ image: id, imageId: id });
    assert.equal(label.text, '3f2a9c1b7d4e');
    assert.match(label.title, new RegExp(`${id}: untagged, or its tag now points to a newer build`));
    assert.equal(imageLabel({ image: '3f2a9c1b7d4e', imageId: id }).text, '3f2a9c1b7d4e');
  });

  it('a tagged image: its name, and the build it runs in the tooltip', () => {
    assert.deepEqual(imageLabel({ image: 'todo-api:dev', imageId: id }), { text: 'todo-api:dev', title: `todo-api:dev, build 3f2a9c1b7d4e (${id})` });
    assert.deepEqual(imageLabel({ image: 'redis:7', imageId: '' }), { text: 'redis:7', title: 'redis:7' });
  });

  it('a container whose image name now points to another build: the name and the old build it still runs', () => {
    const newer = `sha256:${'9b8c7d6e5f4a'}${'1'.repeat(52)}`;
    const label = imageLabel({ image: 'todo-api:latest', imageId: id, rebuilt: newer });
    assert.equal(label.text, 'todo-api:latest (old build 3f2a9c1b7d4e)');
    assert.match(label.title, /now build 9b8c7d6e5f4a; this container still runs build 3f2a9c1b7d4e/);
    assert.match(label.title, /Recreate it/);
  });

  it('rows carry the image id from the list and from inspect', () => {
    assert.equal(toContainerRow({ Id: 'a'.repeat(64), Image: 'redis:7', ImageID: id }, NOW).imageId, id);
    assert.equal(rowFromInspect({ Id: 'a'.repeat(64), Image: id, Config: { Image: 'redis:7' } }, NOW).imageId, id);
  });
});

describe('rebuiltRow and imageTagKey (is the container on its image name\'s current build?)', () => {
  const old = `sha256:${'a'.repeat(64)}`;
  const now = `sha256:${'b'.repeat(64)}`;
  const row = toContainerRow({ Id: 'c'.repeat(64), Image: 'todo-api', ImageID: old }, NOW);

  it('spells names as the daemon tags them', () => {
    assert.equal(imageTagKey('todo-api'), 'todo-api:latest');
    assert.equal(imageTagKey('docker.io/library/redis:7'), 'redis:7');
    assert.equal(imageTagKey('docker.io/acme/api'), 'acme/api:latest');
    assert.equal(imageTagKey('localhost:5000/api'), 'localhost:5000/api:latest');
    assert.equal(imageTagKey('localhost:5000/api:v2'), 'localhost:5000/api:v2');
    assert.equal(imageTagKey(`api@sha256:${'d'.repeat(64)}`), `api@sha256:${'d'.repeat(64)}`);
  });

  it('marks a row whose name now points elsewhere, and only that', () => {
    assert.equal(rebuiltRow(row, new Map([['todo-api:latest', now]])).rebuilt, now);
    assert.equal(rebuiltRow(row, new Map([['todo-api:latest', old]])), row, 'the same build: the row as it was');
    assert.equal(rebuiltRow(row, new Map()), row, 'a name that no longer exists says nothing about builds');
    const listedById = toContainerRow({ Id: 'c'.repeat(64), Image: old, ImageID: old }, NOW);
    assert.equal(rebuiltRow(listedById, new Map([[imageTagKey(old), now]])).rebuilt, undefined);
  });

  it('clears the mark once the container runs the current build again', () => {
    const marked = rebuiltRow(row, new Map([['todo-api:latest', now]]));
    assert.equal(rebuiltRow({ ...marked, imageId: now }, new Map([['todo-api:latest', now]])).rebuilt, undefined);
  });
});
