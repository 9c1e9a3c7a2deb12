/**
 * Go sources added to FerretDB's SQLite `pool` package by patchBackgroundCheckpoint (ferretdb.ts,
 * decision 068): each database file's WAL is copied into the database by a passive checkpoint
 * every interval, on a connection of its own and outside the turn writers take (decision 056),
 * instead of by whichever write transaction's commit crossed SQLite's auto-checkpoint threshold.
 */
export const BACKGROUND_CHECKPOINT_GO = `package pool

import (
\t"context"
\t"database/sql"
\t"log/slog"
\t"time"

\t"github.com/FerretDB/FerretDB/internal/util/logging"
)

// tredeCheckpointInterval is how often a database's WAL is copied into the database file.
const tredeCheckpointInterval = 100 * time.Millisecond

// tredeCheckpointInBackground runs a passive checkpoint every tredeCheckpointInterval until db is
// closed. A passive checkpoint never waits for readers or writers and writers never wait for it, so
// no write transaction pays for copying pages and syncing the database file inside its commit
// while every other writer waits for its turn; Trede opens databases with wal_autocheckpoint
// raised, so SQLite checkpoints in a commit only if this falls far behind.
func tredeCheckpointInBackground(db *sql.DB, l *slog.Logger) {
\tticker := time.NewTicker(tredeCheckpointInterval)
\tdefer ticker.Stop()

\tfor range ticker.C {
\t\tvar busy, frames, copied int
\t\terr := db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied)
\t\tif err == nil {
\t\t\tcontinue
\t\t}

\t\tif err.Error() == "sql: database is closed" {
\t\t\treturn
\t\t}

\t\tl.Warn("trede: background checkpoint failed", logging.Error(err))
\t}
}
`;

/** Fails on the unpatched package: with auto-checkpoints off, nothing would copy the WAL. */
export const BACKGROUND_CHECKPOINT_TEST_GO = `package pool

import (
\t"os"
\t"path/filepath"
\t"strings"
\t"testing"
\t"time"

\t"github.com/stretchr/testify/require"

\t"github.com/FerretDB/FerretDB/internal/util/state"
\t"github.com/FerretDB/FerretDB/internal/util/testutil"
)

func TestTredeCheckpointsInBackground(t *testing.T) {
\tctx := testutil.Ctx(t)

\tsp, err := state.NewProvider("")
\trequire.NoError(t, err)

\tfile := filepath.Join(t.TempDir(), "checkpoint.sqlite")
\turi := "file:" + file + "?_pragma=wal_autocheckpoint(0)&_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)"
\tdb, err := openDB("checkpoint", uri, false, testutil.Logger(t), sp)
\trequire.NoError(t, err)
\tt.Cleanup(func() { _ = db.Close() })

\t_, err = db.ExecContext(ctx, "CREATE TABLE t (v TEXT)")
\trequire.NoError(t, err)

\tfor i := 0; i < 100; i++ {
\t\t_, err = db.ExecContext(ctx, "INSERT INTO t VALUES (?)", strings.Repeat("x", 4000))
\t\trequire.NoError(t, err)
\t}

\t// SQLite itself checkpoints no more (wal_autocheckpoint(0)): the rows reach the database file
\t// only through the background checkpoint.
\tdeadline := time.Now().Add(10 * time.Second)
\tfor {
\t\tinfo, err := os.Stat(file)
\t\trequire.NoError(t, err)

\t\tif info.Size() >= 100*4000 {
\t\t\treturn
\t\t}

\t\trequire.False(t, time.Now().After(deadline), "database file %d bytes: the WAL was not checkpointed", info.Size())
\t\ttime.Sleep(20 * time.Millisecond)
\t}
}
`;
