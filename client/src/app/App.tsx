import { useEffect, useState } from 'react';

interface Health {
  status: string;
  database: { status: string; engine: string };
}

/** Placeholder until the client issue lands: shows that the API and database are up. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetch('/api/v1/health')
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setFailed(true));
  }, []);

  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: '40rem',
        margin: '3rem auto',
        color: '#1a1a1a',
      }}
    >
      <h1>Trede</h1>
      <p>Trajectbegeleiding op de Participatieladder.</p>
      <p role="status">
        {failed
          ? 'De server is niet bereikbaar.'
          : health
            ? `Server: ${health.status === 'ok' ? 'actief' : 'verstoord'} · database (${health.database.engine}): ${health.database.status === 'up' ? 'bereikbaar' : 'niet bereikbaar'}`
            : 'Status ophalen…'}
      </p>
    </main>
  );
}
