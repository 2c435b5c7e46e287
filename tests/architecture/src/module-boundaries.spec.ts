import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The architecture of STYLE.md is enforced by lint, not by good intentions: these cases lint a
 * would-be file in place (through ESLint's own command line, as `npm run lint` does) and expect
 * the boundary rule to fail it.
 */
const workspaceRoot = path.resolve(__dirname, '../../..');

interface LintResult {
  readonly messages: ReadonlyArray<{ readonly ruleId: string | null; readonly message: string }>;
}

const lint = async (file: string, code: string): Promise<string[]> => {
  const args = ['eslint', '-c', '.config/eslint.config.mjs', '-f', 'json', '--stdin', '--stdin-filename', file];
  let output: string;
  try {
    output = execFileSync('npx', args, { cwd: workspaceRoot, input: code, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch (error) {
    // ESLint exits 1 when it found errors; its report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
  }
  const [result] = JSON.parse(output) as LintResult[];
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
};

// The boundary rule reads Nx's cached project graph and silently skips itself without one.
beforeAll(() => {
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: workspaceRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
});

const boundaryErrors = (messages: string[]) => messages.filter((m) => m.startsWith('@nx/enforce-module-boundaries'));

describe('module boundaries', () => {
  it('fails a contract library that imports infrastructure', async () => {
    const messages = await lint('libs/events/src/violation.ts', "import { kafkaConfigFromEnv } from '@watchfloor/kafka';\nexport const x = kafkaConfigFromEnv;\n");
    expect(boundaryErrors(messages)).toHaveLength(1);
  });

  it('fails the domain library when it imports a service', async () => {
    const messages = await lint('libs/crisis-state/src/violation.ts', "import { x } from '../../../services/ingest/src/main';\nexport const y = x;\n");
    expect(boundaryErrors(messages).length).toBeGreaterThan(0);
  });

  it('fails a library that imports kafkajs directly instead of @watchfloor/kafka', async () => {
    const messages = await lint('libs/crisis-state/src/violation.ts', "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('lets a service use the contract, the domain and the infrastructure', async () => {
    const messages = await lint(
      'services/ingest/src/allowed.ts',
      "import { TOPICS } from '@watchfloor/events';\nimport { kafkaConfigFromEnv } from '@watchfloor/kafka';\nexport const z = [TOPICS, kafkaConfigFromEnv];\n",
    );
    expect(boundaryErrors(messages)).toEqual([]);
  });
});

describe('the dashboard', () => {
  it('may not import server code', async () => {
    const messages = await lint('dashboard/src/violation.ts', "import { kafkaConfigFromEnv } from '@watchfloor/kafka';\nexport const x = kafkaConfigFromEnv;\n");
    expect(boundaryErrors(messages)).toHaveLength(1);
  });
});
