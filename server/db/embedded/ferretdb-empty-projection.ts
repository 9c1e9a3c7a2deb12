/**
 * Go source added to FerretDB's handler/common package by patchEmptyProjection (ferretdb.ts): the
 * projection iterator without a projection answers exactly what ProjectDocument answers — the same
 * keys in the same order, values and record id — for documents with `_id` first (answered as they
 * are) and without (the original copy, which moves `_id` first).
 */
export const EMPTY_PROJECTION_TEST_GO = `package common

import (
\t"testing"

\t"github.com/stretchr/testify/assert"
\t"github.com/stretchr/testify/require"

\t"github.com/FerretDB/FerretDB/internal/types"
\t"github.com/FerretDB/FerretDB/internal/util/iterator"
\t"github.com/FerretDB/FerretDB/internal/util/must"
\t"github.com/FerretDB/FerretDB/internal/util/testutil"
)

func TestTredeEmptyProjection(t *testing.T) {
\tt.Parallel()

\tnested := must.NotFail(types.NewDocument("c", "d", "n", types.Null))
\tlist := must.NotFail(types.NewArray(int32(1), "x", must.NotFail(types.NewDocument("y", 2.5))))
\tdocs := []*types.Document{
\t\tmust.NotFail(types.NewDocument("_id", types.ObjectID{1, 2, 3}, "a", int32(1), "b", nested, "e", list)),
\t\tmust.NotFail(types.NewDocument("a", int32(1), "_id", "not first", "n", types.Null)),
\t\tmust.NotFail(types.NewDocument("_id", int32(7))),
\t}
\tfor i, doc := range docs {
\t\tdoc.SetRecordID(int64(i + 1))
\t}

\tfor _, projection := range []*types.Document{nil, types.MakeDocument(0)} {
\t\tvalidated, inclusion, err := ValidateProjection(projection)
\t\trequire.NoError(t, err)

\t\texpected := make([]*types.Document, len(docs))
\t\tfor i, doc := range docs {
\t\t\texpected[i], err = ProjectDocument(doc, validated, nil, inclusion)
\t\t\trequire.NoError(t, err)
\t\t}

\t\tcloser := iterator.NewMultiCloser()
\t\titer, err := ProjectionIterator(iterator.Values(iterator.ForSlice(docs)), closer, projection, nil)
\t\trequire.NoError(t, err)

\t\tactual, err := iterator.ConsumeValues(iter)
\t\trequire.NoError(t, err)
\t\tcloser.Close()

\t\trequire.Len(t, actual, len(expected))
\t\tfor i := range expected {
\t\t\tassert.Equal(t, expected[i].Keys(), actual[i].Keys())
\t\t\tassert.Equal(t, expected[i].RecordID(), actual[i].RecordID())
\t\t\ttestutil.AssertEqual(t, expected[i], actual[i])
\t\t}
\t\tassert.Equal(t, []string{"_id", "a", "n"}, actual[1].Keys())
\t}
}
`;
