/// <reference types="vite/client" />

declare module 'virtual:gridgov-samples' {
  /** File names of the bundled sample replays, served at samples/<name>. */
  const names: string[];
  export default names;
}
