/**
 * Go sources added to FerretDB by patchUnjournaledWrites (ferretdb.ts, decision 070): an `insert`
 * or `update` sent with write concern `{j: false}` commits without syncing SQLite's write-ahead
 * log (synchronous NORMAL for that one transaction); every other write still syncs its commit.
 */

/** fsql: the context mark and the transaction on a connection of its own. */
export const UNJOURNALED_FSQL_GO = `package fsql

import (
\t"context"
\t"database/sql"
\t"database/sql/driver"
\t"fmt"
)

// tredeUnjournaledKey marks a context whose write transactions need not wait for the disk.
type tredeUnjournaledKey struct{}

// TredeUnjournaled returns ctx marked so that its write transactions commit without syncing the
// write-ahead log (SQLite synchronous NORMAL): a command sent with write concern {j: false}.
// SQLite appends every commit to one log in order, so the next synced commit, of any connection,
// makes this one durable too; until then a power cut can lose it, a crash of the process cannot.
func TredeUnjournaled(ctx context.Context) context.Context {
\treturn context.WithValue(ctx, tredeUnjournaledKey{}, true)
}

// TredeIsUnjournaled reports whether ctx was marked by TredeUnjournaled.
func TredeIsUnjournaled(ctx context.Context) bool {
\tunjournaled, _ := ctx.Value(tredeUnjournaledKey{}).(bool)
\treturn unjournaled
}

// tredeBeginUnjournaled begins a transaction on a pool connection taken for it and set to
// synchronous NORMAL. release, called once the transaction has ended, puts the connection's own
// setting back before it returns to the pool, or discards the connection if that fails.
func (db *DB) tredeBeginUnjournaled(ctx context.Context) (*sql.Tx, func(), error) {
\tconn, err := db.sqlDB.Conn(ctx)
\tif err != nil {
\t\treturn nil, nil, err
\t}

\tvar level int
\tif err = conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&level); err != nil {
\t\t_ = conn.Close()
\t\treturn nil, nil, err
\t}

\trelease := func() {
\t\trestore := fmt.Sprintf("PRAGMA synchronous = %d", level)
\t\tif _, err := conn.ExecContext(context.Background(), restore); err != nil {
\t\t\t// A connection that may still skip the sync must not serve any other write.
\t\t\t_ = conn.Raw(func(any) error { return driver.ErrBadConn })
\t\t}
\t\t_ = conn.Close()
\t}

\tif _, err = conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
\t\trelease()
\t\treturn nil, nil, err
\t}

\ttx, err := conn.BeginTx(ctx, nil)
\tif err != nil {
\t\trelease()
\t\treturn nil, nil, err
\t}

\treturn tx, release, nil
}
`;

/** Fails on the unpatched package (TredeUnjournaled is not there) and if a setting leaks. */
export const UNJOURNALED_FSQL_TEST_GO = `package fsql

import (
\t"context"
\t"database/sql"
\t"io"
\t"log/slog"
\t"path/filepath"
\t"testing"

\t_ "modernc.org/sqlite"
)

func TestTredeUnjournaledWrites(t *testing.T) {
\tpath := filepath.Join(t.TempDir(), "unjournaled.db")
\tsqlDB, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(wal)&_pragma=synchronous(2)")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\t// One connection: every transaction below runs on the same one, so a leaked setting shows.
\tsqlDB.SetMaxOpenConns(1)
\tdb := WrapDB(sqlDB, "trede-test", slog.New(slog.NewTextHandler(io.Discard, nil)))
\tdefer db.Close()

\tctx := context.Background()
\tif _, err = db.ExecContext(ctx, "CREATE TABLE t (n INTEGER)"); err != nil {
\t\tt.Fatal(err)
\t}

\tsynchronousOfWrite := func(ctx context.Context) int {
\t\tvar level int
\t\terr := db.InTransaction(ctx, func(tx *Tx) error {
\t\t\tif _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
\t\t\t\treturn err
\t\t\t}
\t\t\treturn tx.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&level)
\t\t})
\t\tif err != nil {
\t\t\tt.Fatal(err)
\t\t}
\t\treturn level
\t}

\tif level := synchronousOfWrite(TredeUnjournaled(ctx)); level != 1 {
\t\tt.Fatalf("a write marked unjournaled ran with synchronous %d, want 1 (NORMAL)", level)
\t}
\tif level := synchronousOfWrite(ctx); level != 2 {
\t\tt.Fatalf("the next write ran with synchronous %d, want 2 (FULL): the setting leaked", level)
\t}

\tvar rows int
\tif err = db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&rows); err != nil {
\t\tt.Fatal(err)
\t}
\tif rows != 2 {
\t\tt.Fatalf("%d rows, want 2", rows)
\t}
}
`;

/** handler/common: the write concern of an insert or update command marks its context. */
export const UNJOURNALED_COMMON_GO = `package common

import (
\t"context"

\t"github.com/FerretDB/FerretDB/internal/types"
\t"github.com/FerretDB/FerretDB/internal/util/fsql"
)

// TredeWriteContext returns ctx marked by fsql.TredeUnjournaled when the command's write concern
// is {j: false} (the client asks not to wait for the journal), and ctx itself otherwise.
func TredeWriteContext(ctx context.Context, command *types.Document) context.Context {
\tconcern, _ := command.Get("writeConcern")
\tdocument, ok := concern.(*types.Document)
\tif !ok {
\t\treturn ctx
\t}

\tjournal, _ := document.Get("j")
\tif journaled, ok := journal.(bool); ok && !journaled {
\t\treturn fsql.TredeUnjournaled(ctx)
\t}

\treturn ctx
}
`;

export const UNJOURNALED_COMMON_TEST_GO = `package common

import (
\t"context"
\t"testing"

\t"github.com/FerretDB/FerretDB/internal/types"
\t"github.com/FerretDB/FerretDB/internal/util/fsql"
\t"github.com/FerretDB/FerretDB/internal/util/must"
)

func TestTredeWriteContext(t *testing.T) {
\tcommand := func(concern *types.Document) *types.Document {
\t\tdocument := must.NotFail(types.NewDocument("insert", "audit"))
\t\tif concern != nil {
\t\t\tdocument.Set("writeConcern", concern)
\t\t}
\t\treturn document
\t}

\tfor name, tc := range map[string]struct {
\t\tcommand     *types.Document
\t\tunjournaled bool
\t}{
\t\t"j false":        {command(must.NotFail(types.NewDocument("j", false))), true},
\t\t"w 1, j false":   {command(must.NotFail(types.NewDocument("w", int32(1), "j", false))), true},
\t\t"j true":         {command(must.NotFail(types.NewDocument("j", true))), false},
\t\t"w majority":     {command(must.NotFail(types.NewDocument("w", "majority"))), false},
\t\t"no concern":     {command(nil), false},
\t\t"j not boolean":  {command(must.NotFail(types.NewDocument("j", int32(0)))), false},
\t} {
\t\tif got := fsql.TredeIsUnjournaled(TredeWriteContext(context.Background(), tc.command)); got != tc.unjournaled {
\t\t\tt.Errorf("%s: unjournaled %v, want %v", name, got, tc.unjournaled)
\t\t}
\t}
}
`;
