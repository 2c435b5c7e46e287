/** Vite's `?raw` imports: the file's text as a string (the dashboard does not load vite/client's types). */
declare module '*?raw' {
  const text: string;
  export default text;
}
