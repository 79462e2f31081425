/**
 * The lint rules: stable codes, default severities, the hadolint rule that checks the same thing
 * (where one does), and the words of every message and quick fix. The checks themselves live in
 * core/explain/lint; they pick a rule from here and fill in the facts.
 */
import { REFERENCE } from './references';

export type Severity = 'error' | 'warning' | 'info';

export interface LintRule {
  code: string;
  /** Short kebab-case name, for people and for team configs. */
  name: string;
  severity: Severity;
  hadolint: string | null;
  /** One line: what the rule looks for. */
  title: string;
  reference: string;
}

const rule = (code: string, name: string, severity: Severity, hadolint: string | null, title: string, reference: string): LintRule =>
  ({ code, name, severity, hadolint, title, reference });

export const RULES = {
  syntax: rule('DW100', 'syntax', 'error', null, 'Docker cannot read the Dockerfile', REFERENCE.dockerfile),
  serverLoopback: rule('DW101', 'server-loopback', 'error', null, 'The server listens on 127.0.0.1 (or its default) inside the container', REFERENCE.execForm),
  copyBeforeInstall: rule('DW102', 'copy-before-install', 'warning', null, 'All the code is copied before the dependencies are installed', REFERENCE.cache),
  pipCache: rule('DW103', 'pip-cache', 'warning', 'DL3042', 'pip install (or uv, Poetry) keeps its download cache in the image', REFERENCE.pipInstall),
  rootUser: rule('DW104', 'root-user', 'warning', 'DL3002', 'The container runs as root', REFERENCE.instruction('USER')),
  unpinnedImage: rule('DW105', 'unpinned-image', 'warning', 'DL3006', 'The base image has no tag, `latest`, or a Python tag without its minor version', REFERENCE.instruction('FROM')),
  fullImage: rule('DW106', 'full-image', 'warning', null, 'The final image is the full python image where slim would do', REFERENCE.pythonImage),
  aptRecommends: rule('DW107', 'apt-recommends', 'info', 'DL3015', 'apt-get install without --no-install-recommends', REFERENCE.bestPractices),
  aptLists: rule('DW108', 'apt-lists', 'warning', 'DL3009', 'apt-get lists (or apk\'s index) left in the layer', REFERENCE.bestPractices),
  secretFiles: rule('DW109', 'secret-files', 'error', null, '.env or keys end up in the image', REFERENCE.dockerignore),
  secretEnv: rule('DW110', 'secret-env', 'error', null, 'A secret in ENV or ARG is stored in the image', REFERENCE.buildSecrets),
  exposeMismatch: rule('DW111', 'expose-mismatch', 'warning', null, 'EXPOSE names another port than the app listens on', REFERENCE.instruction('EXPOSE')),
  shellForm: rule('DW112', 'shell-form-cmd', 'warning', 'DL3025', 'CMD in shell form: the server does not get stop signals', REFERENCE.execForm),
  unbuffered: rule('DW113', 'python-unbuffered', 'info', null, 'Python output may reach docker logs late', REFERENCE.pythonEnv),
  serverNotInstalled: rule('DW114', 'server-not-installed', 'error', null, 'The server the CMD runs is not in the dependencies', REFERENCE.pipInstall),
  devServer: rule('DW115', 'dev-server', 'warning', null, 'A development server or --reload in the image\'s CMD', REFERENCE.flaskRun),
  addLocal: rule('DW116', 'add-local', 'warning', 'DL3020', 'ADD for local files', REFERENCE.instruction('ADD')),
  severalCmd: rule('DW117', 'several-cmd', 'warning', 'DL4003', 'Several CMD (or ENTRYPOINT) in one stage', REFERENCE.instruction('CMD')),
  noWorkdir: rule('DW118', 'no-workdir', 'warning', 'DL3045', 'Files copied to a relative path without WORKDIR', REFERENCE.instruction('WORKDIR')),
  maintainer: rule('DW119', 'maintainer', 'info', 'DL4000', 'MAINTAINER is deprecated', REFERENCE.instruction('MAINTAINER')),
  healthcheckTool: rule('DW120', 'healthcheck-tool', 'error', null, 'HEALTHCHECK uses curl or wget, which the image does not have', REFERENCE.instruction('HEALTHCHECK')),
  endOfLife: rule('DW121', 'end-of-life', 'warning', null, 'The image\'s Python, Debian or database version is past its end of life', REFERENCE.pythonVersions),
  noCmd: rule('DW122', 'no-cmd', 'warning', null, 'The final image has no CMD or ENTRYPOINT of its own', REFERENCE.instruction('CMD')),
  venvNotIgnored: rule('DW123', 'venv-not-ignored', 'warning', null, 'An in-project virtualenv (.venv) reaches the build context', REFERENCE.dockerignore),
  composeSyntax: rule('DW200', 'compose-syntax', 'error', null, 'Compose cannot read the file', REFERENCE.composeFile),
  composeLocalhost: rule('DW201', 'compose-localhost', 'error', null, 'A connection string points at localhost instead of a service', REFERENCE.composeNetworking),
  databaseVolume: rule('DW202', 'database-volume', 'warning', null, 'A database without a volume loses its data', REFERENCE.composeVolumes),
  composePort: rule('DW203', 'compose-port', 'error', null, 'The published container port is not the one the app listens on', REFERENCE.composeService('ports')),
  dependsHealthy: rule('DW204', 'depends-on-healthy', 'warning', null, 'depends_on does not wait until the service is ready', REFERENCE.composeStartup),
  databasePublished: rule('DW206', 'database-published', 'warning', null, 'A database port is published on every host interface', REFERENCE.composePorts),
  envFileMissing: rule('DW207', 'env-file-missing', 'error', null, 'env_file names a file that does not exist', REFERENCE.composeEnvFile),
  healthcheckTest: rule('DW205', 'healthcheck-test', 'error', null, 'A healthcheck test that Docker never runs', REFERENCE.composeService('healthcheck')),
  manifestSyntax: rule('DW300', 'manifest-syntax', 'error', null, 'kubectl cannot read the manifest', REFERENCE.k8sObjects),
  noReadinessProbe: rule('DW301', 'no-readiness-probe', 'warning', null, 'A serving container of a Deployment or StatefulSet has no readiness probe', REFERENCE.k8sProbes),
  probePort: rule('DW302', 'probe-port', 'error', null, 'A probe checks a port the container does not declare or the app does not listen on', REFERENCE.k8sProbeFields),
  serviceTargetPort: rule('DW303', 'service-target-port', 'error', null, 'A Service sends traffic to a port the selected pods do not declare', REFERENCE.k8sService),
  podRunsAsRoot: rule('DW304', 'pod-runs-as-root', 'warning', null, 'A container may run as root: no runAsNonRoot, no non-zero runAsUser, or runAsUser 0', REFERENCE.k8sSecurityContext),
  manifestSecretEnv: rule('DW305', 'manifest-secret-env', 'error', null, 'A secret written as a plain value in env or a ConfigMap', REFERENCE.k8sSecretEnv),
  noResources: rule('DW306', 'no-resources', 'warning', null, 'A container without resource requests or limits', REFERENCE.k8sResources),
  readOnlyTmp: rule('DW307', 'read-only-tmp', 'warning', null, 'readOnlyRootFilesystem without a writable /tmp, which Python needs', REFERENCE.k8sEmptyDir),
} as const;

export type RuleId = keyof typeof RULES;

export const ALL_RULES: readonly LintRule[] = Object.values(RULES);

/** The messages and fix titles, with the facts of each finding filled in. */
export const MESSAGES = {
  serverLoopback: (server: string, host: string, given: boolean) => `${server} listens on ${host}${given ? '' : ' (its default)'}: inside a container that is the container's own loopback, `
    + 'which a published port never reaches. Bind to 0.0.0.0.',
  sourceLoopback: (host: string, where: string) => `The app binds ${host} in ${where}: inside a container a published port never reaches it. Bind to 0.0.0.0 there (or start it with a server and --host 0.0.0.0).`,
  bindAllFix: 'Bind to 0.0.0.0',
  copyBeforeInstall: (copy: string, install: string) => `\`${copy}\` comes before \`${install}\`: any code change invalidates the install layer, so every build reinstalls all dependencies. `
    + 'Copy the dependency files first, install, then copy the code.',
  copyBeforeInstallFix: (files: string) => `Copy ${files} first, the code after the install`,
  pipCache: 'pip keeps its download cache (often tens of MB) in this layer. Add --no-cache-dir, or use a cache mount (RUN --mount=type=cache,target=/root/.cache/pip).',
  pipCacheFix: 'Add --no-cache-dir',
  toolCache: (tool: string, folder: string) => `${tool} keeps its download cache (${folder}) in this layer. Add --no-cache, or use a cache mount (RUN --mount=type=cache,target=/root/.cache).`,
  noCacheFix: 'Add --no-cache',
  noUser: 'No USER: the app runs as root, so a hole in it gives root inside the container. Create a user and switch to it before CMD.',
  rootUser: 'The last USER is root: the app runs with full rights in the container. Switch to an unprivileged user before CMD.',
  noUserFix: 'Create a user "app" and switch to it',
  untagged: (image: string) => `${image} has no tag, so it means \`latest\`: the base changes whenever a new version is published, and builds stop being reproducible. Pin a version.`,
  floatingTag: (image: string) => `${image} has no minor version in its tag, so it moves to each new Python release: a rebuild can bring `
    + 'another Python than the one the app was tested with, and pinned dependencies without wheels for it stop installing. Pin the minor version.',
  latest: (image: string) => `${image} follows \`latest\`: the base changes whenever a new version is published, and builds stop being reproducible. Pin a version.`,
  pinFix: (image: string) => `Use ${image}`,
  upperCaseImage: (image: string) => `${image}: image names are lower case, and Docker refuses this one ("repository name must be lowercase"), so the build stops here.`,
  endOfLife: (image: string, ends: { name: string; month: string }[]) => `${image}: ${ends.map((e) => `${e.name} reached its end of life in ${e.month}`).join(', and ')}. No more security fixes, and the image is no longer rebuilt with them. `
    + 'Move to a supported version (and test the app on it: dependencies pinned for the old one may need newer pins).',
  noCmd: (image: string) => `The final stage sets no CMD or ENTRYPOINT, so the container runs ${image}'s own default (for python images, an interactive Python) instead of the app. `
    + 'End the Dockerfile with the command that starts it, in exec form (a compose `command:` can still replace it for a worker).',
  venvNotIgnored: (why: string) => `${why}, and .dockerignore does not exclude it: \`COPY . .\` sends it with the code, `
    + 'and its interpreter links point at your machine, not the image. Exclude .venv.',
  venvIgnoreFix: 'Add .venv to .dockerignore',
  databasePublished: (service: string, mapping: string) => `${mapping} publishes ${service} on every interface of the host (0.0.0.0): anyone who reaches the machine reaches the database. `
    + 'The other services reach it by name without publishing; bind to 127.0.0.1 if you need it from the host.',
  databasePublishedFix: 'Publish on 127.0.0.1 only',
  envFileMissing: (file: string, services: string[], example: string | null) => `${file} does not exist next to this compose file, so \`docker compose up\` stops before starting ${services.join(', ')}. `
    + (example ? `Copy ${example} to ${file} and fill in its values` : 'Create it') + ', or mark it `required: false` if the services start without it.',
  envFileCreateFix: (file: string) => `Create an empty ${file}`,
  fullImage: (image: string, slim: string) => `${image} is the full image (about 1 GB, compilers included) and it is the final image. ${slim} (about 150 MB) runs the same app; `
    + 'if a package needs a compiler, install in a builder stage on the full image and copy the result.',
  slimFix: (slim: string) => `Use ${slim}`,
  aptRecommends: 'apt-get install without --no-install-recommends also installs recommended packages the app does not need.',
  aptRecommendsFix: 'Add --no-install-recommends',
  apkIndex: 'apk keeps the package index it downloads (apk update, apk add --update) in /var/cache/apk, in this layer. Use `apk add --no-cache` instead: it fetches the index without keeping it.',
  aptLists: 'The package lists from apt-get update stay in this layer (tens of MB). Remove them in the same RUN: && rm -rf /var/lib/apt/lists/*.',
  aptListsFix: 'Remove the apt lists in the same RUN',
  aptUpdateAlone: 'apt-get update without an install in the same RUN: its package lists stay in this layer (tens of MB), and Docker reuses the cached layer, '
    + 'so a later install reads stale lists and fails or installs old versions. Combine them in one RUN: apt-get update && apt-get install … && rm -rf /var/lib/apt/lists/*.',
  secretCopied: (file: string) => `${file} is copied into the image: anyone who pulls the image can read it, even if a later step deletes it. Pass secrets at run time (env_file, -e).`,
  secretNotIgnored: (copy: string, file: string, dockerignore: boolean) => `\`${copy}\` copies ${file} into the image, ${dockerignore ? 'and .dockerignore does not exclude it' : 'and there is no .dockerignore'}: `
    + 'anyone who pulls the image can read it. Exclude it in .dockerignore and pass it at run time.',
  removeLineFix: 'Remove this line',
  ignoreFix: (file: string) => `Add ${file} to .dockerignore`,
  secretEnv: (name: string) => `${name} looks like a secret and its value is stored in the image (docker inspect shows it). Pass it at run time (compose environment/env_file, docker run -e).`,
  secretArg: (name: string) => `${name} looks like a secret: build arguments are recorded in the image history. Use a build secret (RUN --mount=type=secret) instead.`,
  exposeMismatch: (exposed: string, why: string) => `EXPOSE ${exposed}, but ${why}. The documented port should be the one the app listens on.`,
  exposeFix: (port: number) => `Expose ${port}`,
  shellForm: (keyword: string) => `${keyword} in shell form runs under /bin/sh, so the server is not PID 1 and never receives SIGTERM from docker stop: `
    + 'it is killed after 10 seconds instead of shutting down cleanly. Use the exec form ["prog", "arg", ...].',
  execFormFix: 'Convert to exec form',
  unbuffered: 'Python buffers output when it is not a terminal, so print() output reaches docker logs late, or never if the container crashes. Set ENV PYTHONUNBUFFERED=1.',
  unbufferedFix: 'Add ENV PYTHONUNBUFFERED=1',
  serverNotInstalled: (server: string, where: string) => `The CMD runs ${server}, but ${where} does not list it: the container would stop with "executable file not found". Add ${server} to the dependencies.`,
  devServer: (what: string) => `${what} is meant for development: `
    + 'in an image serve the app with a production server (gunicorn for Flask and Django, uvicorn or fastapi run for FastAPI) without reload.',
  removeReloadFix: (flag: string) => `Remove ${flag}`,
  gunicornFix: 'Serve with gunicorn instead',
  addLocal: 'ADD of local files: COPY does the same without ADD\'s extras (URL downloads, archive unpacking) that can surprise.',
  addFix: 'Use COPY',
  severalCmd: (keyword: string, line: number) => `Only the last ${keyword} of a stage counts; this one is replaced by the ${keyword} on line ${line}.`,
  noWorkdir: 'This copies to a relative path without a WORKDIR: the files land in /, among the system\'s folders. Set WORKDIR /app first.',
  workdirFix: 'Add WORKDIR /app',
  maintainer: 'MAINTAINER is deprecated; a label carries the same information and tools read it.',
  maintainerFix: 'Use LABEL org.opencontainers.image.authors',
  healthcheckTool: (tool: string, image: string) => `The HEALTHCHECK runs ${tool}, which ${image} does not include: the check always fails and the container turns unhealthy. `
    + 'Install it, or check with Python\'s urllib.',
  healthcheckPythonFix: 'Check with Python\'s urllib instead',
  composeLocalhost: (host: string, target: string | null) => `${host} inside a container is the container itself, not your machine or another service. `
    + (target ? `Use the service name: ${target}.` : 'Use the service name of the server instead.'),
  composeLocalhostFix: (service: string) => `Use the service name ${service}`,
  databaseVolumePath: (service: string, target: string, dataPath: string) => `The volume is mounted at ${target}, but ${service} keeps its data in ${dataPath}: nothing it writes lands in the volume, and it is lost with the container. Mount the volume at ${dataPath}.`,
  databaseVolume: (service: string, path: string) => `${service} keeps its data in ${path} inside the container: docker compose down deletes it. Mount a named volume there.`,
  databaseVolumeFix: (volume: string) => `Add the named volume ${volume}`,
  composePort: (published: string, container: number, why: string) => `${published} publishes container port ${container}, but ${why}: requests reach a port nobody listens on.`,
  composePortFix: (port: number) => `Publish container port ${port}`,
  noDependsOn: (service: string, stores: string[]) => `${service} has no depends_on, so compose starts it at the same time as ${stores.join(' and ')}: its first connections fail while they start. `
    + `Add depends_on with condition: service_healthy for ${stores.join(' and ')} (and a healthcheck on them).`,
  dependsNoCondition: (service: string) => `depends_on only waits for ${service}'s container to start, not for ${service} to accept connections: the app can start first and crash. Wait for condition: service_healthy.`,
  dependsNoHealthcheck: (service: string) => `${service} has no healthcheck yet: add one (e.g. pg_isready for Postgres) so the app can wait for it.`,
  dependsFix: 'Wait for service_healthy',
  healthcheckTest: (first: string) => `A healthcheck test starts with CMD, CMD-SHELL or NONE, not ${first}: Docker ignores this check, so the service never becomes healthy and whatever waits for it fails.`,
  healthcheckTestFix: (replacement: string) => `Use ${replacement}`,
  noReadinessProbe: (container: string) => `${container} serves a port but has no readiness probe: the Service sends it requests as soon as the process starts, `
    + 'before the app has imported its code and opened its connections, and during a rollout the old pods go while the new ones still refuse them. '
    + 'Add a readinessProbe (httpGet on a health route, or tcpSocket on the port).',
  readinessFix: (port: string) => `Add a readiness probe (TCP on port ${port})`,
  probeNamedPortMissing: (probe: string, port: string, container: string) => `The ${probe} checks the port named ${port}, which ${container} does not declare: `
    + 'the kubelet cannot resolve it, so the probe fails every time. Name one of the container\'s ports.',
  probePortUndeclared: (probe: string, port: number, declared: string) => `The ${probe} checks port ${port}, but the container declares ${declared}: `
    + 'unless something else listens there, the probe fails every time.',
  probePortNotApp: (probe: string, port: number, appPort: number, where: string) => `The ${probe} checks port ${port}, but the app listens on ${appPort} (per ${where}): `
    + `the probe fails every time, so ${probe === 'readinessProbe' ? 'the pod never gets traffic' : 'the kubelet restarts the container over and over'}.`,
  probePortFix: (port: string) => `Probe port ${port}`,
  serviceTargetPortName: (port: string) => `targetPort ${port} names no port of the pods this Service selects: Kubernetes finds no endpoint, and requests to the Service hang or are refused. `
    + 'Use the name of the container\'s port.',
  serviceTargetPortNumber: (port: number, declared: string) => `targetPort ${port} is not a port the selected pods declare (${declared}): `
    + 'requests reach a port nothing listens on. Use the containerPort.',
  targetPortFix: (port: string) => `Target port ${port}`,
  podRunsAsRoot: (container: string) => `Nothing stops ${container} from running as root: runAsNonRoot is not true and no runAsUser is set, so the image's USER decides, `
    + 'and a hole in the app gives root in the container. Set runAsNonRoot: true (with runAsUser set to the Dockerfile\'s UID if the image names its user).',
  podRunsAsUserZero: (container: string) => `${container} runs as user 0 (root): a hole in the app gives root in the container. Run it as the image's unprivileged UID.`,
  podRootFix: 'Add runAsNonRoot: true to the pod',
  manifestSecretEnv: (name: string, where: string) => `${name} looks like a secret, written as a plain value in ${where}: it is stored in the manifest, in git and in `
    + 'everything that reads the object. Keep it in a Secret and read it with valueFrom.secretKeyRef (or envFrom.secretRef).',
  noResources: (container: string, requests: boolean, memoryLimit: boolean) => `${container} has no ${[requests ? '' : 'resource requests', memoryLimit ? '' : 'memory limit'].filter(Boolean).join(' and no ')}: `
    + [requests ? '' : 'the scheduler places it without knowing what it needs, and it is among the first evicted when the node runs short',
      memoryLimit ? '' : 'one leaking Python worker can take the node\'s memory'].filter(Boolean).join(', and ')
    + '. Set them (e.g. requests 100m CPU and 128Mi, a 512Mi memory limit), from what the app uses under load.',
  readOnlyTmp: (container: string) => `${container} has a read-only root filesystem and nothing writable at /tmp: Python's tempfile, uploads spooled to disk and gunicorn's `
    + 'worker heartbeat files all write there, and fail with "Read-only file system". Mount an emptyDir at /tmp.',
  readOnlyTmpFix: 'Mount an emptyDir at /tmp',
} as const;
