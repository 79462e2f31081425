/** Choices a person (or a team's .dockwright.yaml) makes about the generated files. */
export interface GenerateOptions {
  /** Builder stage + slim runtime (default) or one slim stage. */
  multiStage: boolean;
  /** Explanatory comments in the Dockerfile, for learners. */
  comments: boolean;
  /** Used when detection found no version. */
  defaultPythonVersion: string;
  /** Overrides the detected version. */
  pythonVersion?: string;
  uid: number;
  /** BuildKit cache mounts for the package cache instead of --no-cache-dir. */
  cacheMounts: boolean;
  /** Path the HEALTHCHECK requests; any answer below 500 counts as healthy. */
  healthPath: string;
  /** Registry prefix for every image, e.g. "mirror.example.com/library/" (teams). */
  imagePrefix: string;
  /** The Python image's repository; its tags must follow the official image's (3.13, 3.13-slim). */
  baseImage: string;
  /** Extra OCI/other labels (teams). */
  labels: Record<string, string>;
  /** Whether the app folder has a .env file (compose then reads it with env_file). */
  hasEnvFile: boolean;
  /** Name for the image and compose project; default the app folder's name. */
  name?: string;
}

export const DEFAULT_OPTIONS: GenerateOptions = {
  multiStage: true,
  comments: true,
  defaultPythonVersion: '3.13',
  uid: 10001,
  cacheMounts: false,
  healthPath: '/',
  imagePrefix: '',
  baseImage: 'python',
  labels: {},
  hasEnvFile: false,
};
