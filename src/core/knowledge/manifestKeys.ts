/**
 * Kubernetes manifest keys, keyed by the key and the one above it: `probe.periodSeconds`,
 * `securityContext.runAsNonRoot`, `limits.cpu`. Probes count as `probe`, init containers as
 * `containers` (see manifestKeyKnowledge). Examples are YAML; `python` notes what it means for a
 * Python web app.
 */
import { REFERENCE } from './references';

export interface ManifestKeyKnowledge {
  text: string;
  python?: string;
  example: string;
  reference: string;
}

const k = (text: string, example: string, reference: string, python?: string): ManifestKeyKnowledge => ({ text, example, reference, ...(python ? { python } : {}) });
const probe = (text: string, example: string) => k(text, example, REFERENCE.k8sProbeFields);
const security = (text: string, example: string, python?: string) => k(text, example, REFERENCE.k8sSecurityContext, python);

export const MANIFEST_KEYS: Record<string, ManifestKeyKnowledge> = {
  'spec.replicas': k('How many identical pods the Deployment keeps running. The Service spreads requests over the ready ones.', 'replicas: 2', REFERENCE.k8sDeployment,
    'Each replica keeps its own memory and files: sessions, caches and uploads kept in the process or in an emptyDir are not shared between them.'),
  'spec.backoffLimit': k('How many times the Job retries a failed pod before it gives up and counts as failed (default 6).', 'backoffLimit: 2', REFERENCE.k8sJob,
    'A migration (alembic upgrade head) that failed halfway may not be safe to run again at once: keep the retries few.'),
  'spec.activeDeadlineSeconds': k('The Job\'s time budget: after this many seconds its pods are stopped and the Job fails.', 'activeDeadlineSeconds: 600', REFERENCE.k8sJob),
  'spec.ttlSecondsAfterFinished': k('Deletes the finished Job (and its pods and logs) this many seconds after it ends.', 'ttlSecondsAfterFinished: 86400', REFERENCE.k8sJob),
  'spec.schedule': k('When the CronJob starts a Job, in cron syntax (minute hour day month weekday), in the controller\'s time zone unless timeZone says.', 'schedule: "0 3 * * *"', REFERENCE.k8sCronJob),
  'spec.concurrencyPolicy': k('What happens when a run is due while the last one still runs: Allow, Forbid (skip), or Replace.', 'concurrencyPolicy: Forbid', REFERENCE.k8sCronJob),
  'spec.restartPolicy': k('Whether the kubelet restarts a container that exits: Always (Deployments), OnFailure or Never (Jobs).', 'restartPolicy: Never', REFERENCE.k8sPod),
  'spec.automountServiceAccountToken': k('Whether the pod gets a token for the Kubernetes API in /var/run/secrets. An app that never calls the API does not need one, and without it a hole in the app cannot use it.',
    'automountServiceAccountToken: false', REFERENCE.k8sServiceAccountToken),
  'spec.terminationGracePeriodSeconds': k('How long Kubernetes waits after SIGTERM before it kills the container (default 30 s).', 'terminationGracePeriodSeconds: 30', REFERENCE.k8sTermination,
    'gunicorn finishes the requests in progress for --graceful-timeout (30 s by default) and uvicorn for --timeout-graceful-shutdown: keep this at least as long. '
    + 'Both stop only if they are PID 1, so start them in exec form.'),
  'spec.securityContext': security('Security settings for every container of the pod: the user and group they run as, the group that owns the volumes (fsGroup), the seccomp profile.',
    'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  fsGroup: 10001'),
  'spec.containers': k('The containers of the pod. They share its network (they reach each other on localhost) and its volumes.', 'containers:\n  - name: app\n    image: shop:1.0.0', REFERENCE.k8sPod),
  'spec.initContainers': k('Containers that run to completion, one after the other, before the app\'s containers start.', 'initContainers:\n  - name: wait-for-db\n    image: busybox:1.36', REFERENCE.k8sPod),
  'spec.volumes': k('The storage the pod\'s containers can mount: emptyDir scratch space, ConfigMaps and Secrets as files, persistent volume claims.', 'volumes:\n  - name: tmp\n    emptyDir: {}', REFERENCE.k8sVolumes),
  'spec.selector': k('Which pods this object is about, by their labels: a Deployment\'s selector must match its template\'s labels, a Service\'s picks the pods it sends traffic to.',
    'selector:\n  app.kubernetes.io/name: shop', REFERENCE.k8sLabels),
  'spec.ports': k('The Service\'s ports: `port` is what clients connect to, `targetPort` the pod\'s port (a number or a containerPort\'s name) the traffic goes to.',
    'ports:\n  - port: 80\n    targetPort: http', REFERENCE.k8sService),
  'spec.type': k('How the Service is reached: ClusterIP (inside the cluster, the default), NodePort, or LoadBalancer (from outside through the cloud\'s load balancer).', 'type: ClusterIP', REFERENCE.k8sService),
  'containers.image': k('The image the container runs. A tag that never moves (`1.0.0`, a digest) makes every node run the same code.', 'image: registry.example.com/shop:1.0.0', REFERENCE.k8sImages,
    'The image\'s CMD starts the server unless `command`/`args` replace it.'),
  'containers.imagePullPolicy': k('When the node pulls the image: IfNotPresent (the default for a fixed tag), Always (the default for `latest` or no tag), Never.', 'imagePullPolicy: IfNotPresent', REFERENCE.k8sImages),
  'containers.command': k('Replaces the image\'s ENTRYPOINT. Without `args`, the image\'s CMD is dropped too.', 'command: ["gunicorn"]', REFERENCE.k8sCommand),
  'containers.args': k('Replaces the image\'s CMD and keeps its ENTRYPOINT: how one image runs the web app in one Deployment and a worker in another.', 'args: [celery, -A, app.worker, worker]', REFERENCE.k8sCommand),
  'containers.ports': k('The ports the container listens on. Declaring them is documentation, except that probes and Services can then use their names.', 'ports:\n  - name: http\n    containerPort: 8000', REFERENCE.k8sPod,
    'The number must be the one the server binds (uvicorn --port, gunicorn --bind), and the server must bind 0.0.0.0, not 127.0.0.1.'),
  'ports.containerPort': k('The port the process listens on inside the container. Nothing is published by it: the Service\'s targetPort must point here.', 'containerPort: 8000', REFERENCE.k8sPod),
  'ports.name': k('A name for the port (at most 15 characters) that probes and a Service\'s targetPort use instead of the number, so the number is written once.', 'name: http', REFERENCE.k8sService),
  'ports.targetPort': k('The pod port the Service sends traffic to: a number, or the name of a containerPort. Without it, the same as `port`.', 'targetPort: http', REFERENCE.k8sService),
  'ports.port': k('The port clients of the Service connect to (http://NAME:PORT inside the cluster).', 'port: 80', REFERENCE.k8sService),
  'containers.env': k('Environment variables, each with a `value` written here or a `valueFrom` that reads it from a Secret or ConfigMap when the pod starts.',
    'env:\n  - name: DATABASE_URL\n    valueFrom:\n      secretKeyRef:\n        name: shop-secrets\n        key: DATABASE_URL', REFERENCE.k8sEnv,
    'A settings class (pydantic-settings, Flask config) reads these at import time: a missing required one stops the app before it serves.'),
  'env.value': k('A value written in the manifest: anyone who can read the manifest, the git history or the object reads it. Fine for settings, not for passwords or keys.', 'value: "info"', REFERENCE.k8sEnv),
  'env.valueFrom': k('Reads the variable\'s value when the container starts, from a Secret (secretKeyRef), a ConfigMap (configMapKeyRef) or the pod itself (fieldRef).',
    'valueFrom:\n  secretKeyRef:\n    name: shop-secrets\n    key: SECRET_KEY', REFERENCE.k8sSecretEnv),
  'valueFrom.secretKeyRef': k('One key of a Secret as the variable\'s value. The manifest names the Secret only; the value lives in the cluster. If the Secret or the key is missing, the pod does not start.',
    'secretKeyRef:\n  name: shop-secrets\n  key: SECRET_KEY', REFERENCE.k8sSecretEnv),
  'valueFrom.configMapKeyRef': k('One key of a ConfigMap as the variable\'s value.', 'configMapKeyRef:\n  name: shop-config\n  key: LOG_LEVEL', REFERENCE.k8sConfigMap),
  'containers.envFrom': k('Every key of a ConfigMap (configMapRef) or Secret (secretRef) as an environment variable of the same name.', 'envFrom:\n  - configMapRef:\n      name: shop-config', REFERENCE.k8sEnv,
    'Changing the ConfigMap does not change a running process: restart the Deployment (kubectl rollout restart) for the app to read the new values.'),
  'envFrom.configMapRef': k('All keys of the ConfigMap become variables. A key that is no valid variable name is skipped.', 'configMapRef:\n  name: shop-config', REFERENCE.k8sConfigMap),
  'envFrom.secretRef': k('All keys of the Secret become variables; the values stay out of the manifest.', 'secretRef:\n  name: shop-secrets', REFERENCE.k8sSecrets),
  'containers.readinessProbe': probe('Whether the container may get traffic: until it succeeds, and whenever it fails, the pod is taken out of the Service. A failing readiness probe never restarts anything.',
    'readinessProbe:\n  httpGet:\n    path: /health\n    port: http\n  periodSeconds: 10'),
  'containers.livenessProbe': probe('Whether the container still works: after failureThreshold failures in a row the kubelet restarts it. Keep it cheap and independent of the database, or a database outage restarts every pod.',
    'livenessProbe:\n  httpGet:\n    path: /health\n    port: http\n  periodSeconds: 20'),
  'containers.startupProbe': probe('Gives a slow start time: the liveness and readiness probes wait until it succeeds once, for at most periodSeconds × failureThreshold.',
    'startupProbe:\n  httpGet:\n    path: /health\n    port: http\n  periodSeconds: 5\n  failureThreshold: 24'),
  'probe.httpGet': probe('An HTTP GET on the pod\'s own address: any status from 200 to 399 is a success. The route must answer without login and without redirecting to one.',
    'httpGet:\n  path: /health\n  port: http'),
  'probe.tcpSocket': probe('Succeeds when the port accepts a connection: the server is up, though the app behind it may not answer yet.', 'tcpSocket:\n  port: http'),
  'probe.exec': probe('Runs a command in the container; exit code 0 is a success. Each run starts a process: a Python one costs a second of CPU.', 'exec:\n  command: ["cat", "/tmp/ready"]'),
  'probe.grpc': probe('A gRPC health check on the port.', 'grpc:\n  port: 50051'),
  'httpGet.path': probe('The route the probe asks for. A FastAPI or Flask route that returns 200 without touching slow dependencies makes a good one.', 'path: /health'),
  'httpGet.port': probe('The port the probe connects to: the number the server listens on, or the name of one of the container\'s ports.', 'port: http'),
  'tcpSocket.port': probe('The port that must accept connections: a number or a containerPort\'s name.', 'port: http'),
  'probe.initialDelaySeconds': probe('Seconds before the first check (default 0). A startupProbe handles slow starts better: it stops waiting as soon as the app answers.', 'initialDelaySeconds: 5'),
  'probe.periodSeconds': probe('Seconds between checks (default 10).', 'periodSeconds: 10'),
  'probe.timeoutSeconds': probe('How long one check may take before it counts as failed (default 1 s). A Python app busy in all its workers answers slowly: give it a few seconds.', 'timeoutSeconds: 5'),
  'probe.failureThreshold': probe('Failed checks in a row before the probe counts as failed (default 3): the pod leaves the Service (readiness) or is restarted (liveness).', 'failureThreshold: 3'),
  'probe.successThreshold': probe('Successful checks in a row needed after a failure (default 1; liveness and startup probes must keep 1).', 'successThreshold: 1'),
  'containers.securityContext': security('Security settings for this container, over the pod\'s: its user, whether its root filesystem is read-only, and which Linux capabilities it keeps.',
    'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: [ALL]'),
  'securityContext.runAsNonRoot': security('The kubelet refuses to start the container if it would run as user 0. It checks the image\'s USER when runAsUser is not set.',
    'runAsNonRoot: true', 'An image whose USER is a name (`USER app`) cannot be checked and does not start ("non-numeric user"): set runAsUser to its UID too, or write USER 10001 in the Dockerfile.'),
  'securityContext.runAsUser': security('The UID the processes run as, over the image\'s USER. 0 is root.', 'runAsUser: 10001',
    'Use the UID the Dockerfile gives the app\'s user, so the files it owns in the image (the virtualenv, instance folders) are still its own.'),
  'securityContext.runAsGroup': security('The primary group ID of the processes.', 'runAsGroup: 10001'),
  'securityContext.fsGroup': security('The group that owns the pod\'s volumes (emptyDir and most others), so a non-root user can write them.', 'fsGroup: 10001'),
  'securityContext.readOnlyRootFilesystem': security('Mounts the image\'s files read-only: the app can write only to the volumes mounted into it. A hole in the app cannot change its code.',
    'readOnlyRootFilesystem: true', 'Python writes to /tmp (tempfile, large uploads, gunicorn\'s worker heartbeat): mount an emptyDir there. __pycache__ is not written, which only costs start time.'),
  'securityContext.allowPrivilegeEscalation': security('Whether a process can gain more rights than its parent (setuid programs such as sudo). false closes that door.', 'allowPrivilegeEscalation: false'),
  'securityContext.capabilities': security('The Linux capabilities the container keeps. A Python web server needs none, even for ports above 1024.', 'capabilities:\n  drop: [ALL]'),
  'capabilities.drop': k('Capabilities taken away; `ALL` removes every one (binding a port below 1024 would then need NET_BIND_SERVICE added back).', 'drop: [ALL]', REFERENCE.k8sCapabilities),
  'capabilities.add': k('Capabilities given back on top of the runtime\'s defaults (or after drop: [ALL]).', 'add: [NET_BIND_SERVICE]', REFERENCE.k8sCapabilities),
  'securityContext.seccompProfile': k('Which system calls the container may make. RuntimeDefault is the container runtime\'s safe list.', 'seccompProfile:\n  type: RuntimeDefault', REFERENCE.k8sSeccomp),
  'securityContext.privileged': security('Runs the container with nearly all of the host\'s rights. A web app never needs it.', 'privileged: false'),
  'containers.resources': k('What the container asks for (requests: the scheduler reserves it on a node) and may use at most (limits).',
    'resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 512Mi', REFERENCE.k8sResources),
  'resources.requests': k('What the scheduler reserves for the container on a node. A pod only starts on a node with that much free.', 'requests:\n  cpu: 100m\n  memory: 128Mi', REFERENCE.k8sResources),
  'resources.limits': k('The most the container may use: above the memory limit it is killed (OOMKilled, exit 137); above the CPU limit it is slowed down.', 'limits:\n  cpu: "1"\n  memory: 512Mi', REFERENCE.k8sResources),
  'requests.cpu': k('CPU reserved for the container: 1 is one core, 100m a tenth of one.', 'cpu: 100m', REFERENCE.k8sResources),
  'requests.memory': k('Memory reserved for the container (Mi, Gi).', 'memory: 128Mi', REFERENCE.k8sResources,
    'Each gunicorn or uvicorn worker is a whole Python process, often 50 to 150 MB once the app is imported: reserve about that times the workers.'),
  'limits.cpu': k('The CPU the container may use; beyond it, it is throttled. 1 is one core.', 'cpu: "1"', REFERENCE.k8sResources,
    'Python sees the node\'s cores, not this limit: gunicorn workers computed from os.cpu_count() can be far too many for it. Set --workers yourself (about 2 per core of the limit).'),
  'limits.memory': k('The memory the container may use; beyond it, the kernel kills it (OOMKilled, exit 137) and the kubelet restarts it.', 'memory: 512Mi', REFERENCE.k8sResources,
    'The limit covers all the worker processes together: gunicorn\'s master and each of its workers count.'),
  'containers.volumeMounts': k('Where the pod\'s volumes appear in this container\'s file system.', 'volumeMounts:\n  - name: tmp\n    mountPath: /tmp', REFERENCE.k8sVolumes),
  'volumeMounts.mountPath': k('The folder the volume appears at; what the image had there is hidden while it is mounted.', 'mountPath: /tmp', REFERENCE.k8sVolumes),
  'volumes.emptyDir': k('An empty folder created with the pod and deleted with it: scratch space, shared by the pod\'s containers, never by two pods.', 'emptyDir: {}', REFERENCE.k8sEmptyDir,
    'Good for /tmp under a read-only root; not for uploads or a SQLite file that must outlive the pod (a PersistentVolumeClaim or a database is).'),
  'emptyDir.medium': k('`Memory` keeps the folder in RAM (tmpfs), counted against the memory limit: fast, for gunicorn\'s --worker-tmp-dir.', 'medium: Memory', REFERENCE.k8sEmptyDir),
  'emptyDir.sizeLimit': k('The most the folder may hold; beyond it, the pod is evicted.', 'sizeLimit: 100Mi', REFERENCE.k8sEmptyDir),
  'volumes.persistentVolumeClaim': k('Storage that outlives the pod, claimed through a PersistentVolumeClaim.', 'persistentVolumeClaim:\n  claimName: shop-data', REFERENCE.k8sVolumes),
  'volumes.secret': k('A Secret\'s keys as files (one per key) in the mounted folder.', 'secret:\n  secretName: shop-secrets', REFERENCE.k8sSecrets),
  'volumes.configMap': k('A ConfigMap\'s keys as files in the mounted folder.', 'configMap:\n  name: shop-config', REFERENCE.k8sConfigMap),
};

/** What a kind of object is, for a hover on its `kind:`. */
export const MANIFEST_KINDS: Record<string, { text: string; reference: string }> = {
  Deployment: { text: 'Keeps a number of identical pods running and replaces them gradually when the template changes (a rolling update).', reference: REFERENCE.k8sDeployment },
  StatefulSet: { text: 'Pods with a stable name and their own persistent volume each, started in order: for databases more than for web apps.', reference: REFERENCE.k8sStatefulSet },
  DaemonSet: { text: 'One pod on every node (or every matching node): for agents, not for web apps.', reference: REFERENCE.k8sDaemonSet },
  Job: { text: 'Runs pods until one finishes successfully: a one-off task such as a database migration.', reference: REFERENCE.k8sJob },
  CronJob: { text: 'Starts a Job on a schedule.', reference: REFERENCE.k8sCronJob },
  Pod: { text: 'One or more containers scheduled together. A bare Pod is not replaced when its node goes: a Deployment manages pods for you.', reference: REFERENCE.k8sPod },
  Service: { text: 'A stable name and address for a set of pods (chosen by labels), spreading connections over the ready ones.', reference: REFERENCE.k8sService },
  ConfigMap: { text: 'Settings as keys and values, for pods to read as environment variables or files. Not for secrets: anyone who can read the object reads them.', reference: REFERENCE.k8sConfigMap },
  Secret: { text: 'Values kept apart from the manifests that use them, given to pods as variables or files. Base64 is no encryption: guard who can read Secrets.', reference: REFERENCE.k8sSecrets },
};

/** Keys that share their children's knowledge: the three probes, and init containers with containers. */
const PARENTS: Record<string, string> = { initContainers: 'containers', readinessProbe: 'probe', livenessProbe: 'probe', startupProbe: 'probe' };

/** The knowledge for the key at the end of `path` (keys from the document's root, list items skipped). */
export function manifestKeyKnowledge(path: readonly string[]): ManifestKeyKnowledge | undefined {
  if (path.length < 2) return undefined;
  const parent = path[path.length - 2];
  return MANIFEST_KEYS[`${PARENTS[parent] ?? parent}.${path[path.length - 1]}`];
}
