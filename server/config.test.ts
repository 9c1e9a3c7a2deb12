import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the SPEC §5 defaults to an empty environment', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({
      port: 3000,
      mongodbUri: undefined,
      demo: true,
      forceDemo: false,
      admin: undefined,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('requires TREDE_SECRET with MONGODB_URI and names the variable', () => {
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db.example:27017/trede' }, [])).toThrow(
      /TREDE_SECRET/,
    );
  });

  it('lists every invalid variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', TREDE_DEMO: 'maybe' }, []);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/TREDE_DEMO/);
  });

  it('reads TREDE_DEMO=false and the --demo flag', () => {
    expect(loadConfig({ TREDE_DEMO: 'false' }, []).demo).toBe(false);
    expect(loadConfig({}, ['node', 'main.js', '--demo']).forceDemo).toBe(true);
  });

  it('wants the administrator name and password together', () => {
    expect(() => loadConfig({ TREDE_ADMIN_USERNAME: 'beheer' }, [])).toThrow(
      /TREDE_ADMIN_PASSWORD/,
    );
  });

  it('trusts no proxy by default and only the ones TREDE_TRUST_PROXY names', () => {
    expect(loadConfig({}, []).trustProxy).toBe(false);
    expect(loadConfig({ TREDE_TRUST_PROXY: 'false' }, []).trustProxy).toBe(false);
    expect(loadConfig({ TREDE_TRUST_PROXY: '1' }, []).trustProxy).toBe(1);
    expect(loadConfig({ TREDE_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, []).trustProxy).toBe(
      'loopback,10.0.0.0/8',
    );
    expect(() => loadConfig({ TREDE_TRUST_PROXY: 'everyone' }, [])).toThrow(/TREDE_TRUST_PROXY/);
  });
});
