/**
 * @jest-environment node
 */
// The dashboard is type-checked for the browser, without Node's types: the little of fs and
// path this test needs is declared here.
interface DirectoryEntry {
  readonly name: string;
  isDirectory(): boolean;
}
interface FileSystem {
  readdirSync(dir: string, options: { withFileTypes: true }): DirectoryEntry[];
  readFileSync(file: string, encoding: 'utf8'): string;
}
interface Paths {
  readonly sep: string;
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
  relative(from: string, to: string): string;
  dirname(file: string): string;
}
declare const __dirname: string;
const fs = jest.requireActual<FileSystem>('fs');
const path = jest.requireActual<Paths>('path');

/**
 * The dashboard's own layering (bulletproof-react): shared code (lib, hooks, components,
 * config) → features → app, one way; a feature never reaches into another (the app composes
 * them); the seed scenario and test helpers never reach the bundle.
 */
const root = __dirname;

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

const isTest = (file: string): boolean => /\.spec\.tsx?$/.test(file) || file.includes(`${path.sep}testing${path.sep}`);

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].flatMap((m) => {
    const spec = m[1] ?? m[2];
    return spec ? [spec] : [];
  });

const layerOf = (file: string): { layer: 'shared' | 'feature' | 'app' | 'entry'; feature?: string } => {
  const [top, second] = path.relative(root, file).split(path.sep);
  if (top === 'features') return { layer: 'feature', ...(second !== undefined && { feature: second }) };
  if (top === 'app') return { layer: 'app' };
  if (top === 'main.tsx') return { layer: 'entry' };
  return { layer: 'shared' };
};

const appFiles = sources(root).filter((file) => !isTest(file));

describe('dashboard architecture', () => {
  it('imports one way: shared → features → app, and features not from each other', () => {
    const violations: string[] = [];
    for (const file of appFiles) {
      const from = layerOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const to = layerOf(path.resolve(path.dirname(file), spec));
        const wrong =
          (from.layer === 'shared' && to.layer !== 'shared') ||
          (from.layer === 'feature' && (to.layer === 'app' || (to.layer === 'feature' && to.feature !== from.feature)));
        if (wrong) violations.push(`${path.relative(root, file)} → ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the scenario, test helpers and server code out of the app', () => {
    const violations = appFiles.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === '@watchfloor/scenario' || spec.includes('/testing/') || /^@watchfloor\/(kafka|service-kit)$/.test(spec) || spec.startsWith('node:'))
        .map((spec) => `${path.relative(root, file)} → ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('finds the code it checks', () => {
    expect(appFiles.length).toBeGreaterThan(40);
    expect(importsOf(path.join(root, 'app', 'app.tsx'))).toContain('./routes/overview-page');
  });
});
