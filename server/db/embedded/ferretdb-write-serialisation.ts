/**
 * Go source added to FerretDB's `fsql` package by patchWriteSerialisation (ferretdb.ts): a test
 * that fails on the unpatched package. With SQLite's busy handler switched off (busy_timeout 0),
 * overlapping write transactions on one database file only all succeed if the process itself
 * lets one writer in at a time.
 */
export const WRITE_SERIALISATION_TEST_GO = `package fsql

import (
\t"context"
\t"database/sql"
\t"io"
\t"log/slog"
\t"path/filepath"
\t"sync"
\t"testing"
\t"time"

\t_ "modernc.org/sqlite"
)

func TestTredeWritesTakeTurns(t *testing.T) {
\tpath := filepath.Join(t.TempDir(), "writes.db")
\tsqlDB, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_pragma=journal_mode(wal)")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tdb := WrapDB(sqlDB, "trede-test", slog.New(slog.NewTextHandler(io.Discard, nil)))
\tdefer db.Close()

\tctx := context.Background()
\tif _, err = db.ExecContext(ctx, "CREATE TABLE t (n INTEGER)"); err != nil {
\t\tt.Fatal(err)
\t}

\tconst writers, each = 8, 10
\tvar wg sync.WaitGroup
\terrs := make(chan error, 2*writers*each)
\tfor w := 0; w < writers; w++ {
\t\twg.Add(1)
\t\tgo func() {
\t\t\tdefer wg.Done()
\t\t\tfor i := 0; i < each; i++ {
\t\t\t\terrs <- db.InTransaction(ctx, func(tx *Tx) error {
\t\t\t\t\tif _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
\t\t\t\t\t\treturn err
\t\t\t\t\t}
\t\t\t\t\ttime.Sleep(time.Millisecond) // hold the write lock long enough to overlap
\t\t\t\t\treturn nil
\t\t\t\t})
\t\t\t\t_, err := db.ExecContext(ctx, "UPDATE t SET n = n + 1 WHERE rowid = 1")
\t\t\t\terrs <- err
\t\t\t}
\t\t}()
\t}
\twg.Wait()
\tclose(errs)
\tfor err := range errs {
\t\tif err != nil {
\t\t\tt.Fatalf("a writer was refused: %v", err)
\t\t}
\t}

\tvar rows int
\tif err = db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&rows); err != nil {
\t\tt.Fatal(err)
\t}
\tif rows != writers*each {
\t\tt.Fatalf("%d rows, want %d", rows, writers*each)
\t}
}
`;
