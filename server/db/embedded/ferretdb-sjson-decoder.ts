/**
 * Go sources that Trede's FerretDB build adds to internal/handler/sjson (patchSjsonDecoding in
 * ./ferretdb.ts, docs/decisions/052-ferretdb-single-pass-sjson.md): a single-pass decoder, a single-buffer
 * encoder and their test against FerretDB's original code. Kept as text here so the compiled server can build
 * FerretDB too (dist/ holds no .go files). Edit them as Go: gofmt-clean, no backquotes.
 */

/** internal/handler/sjson/trede_decode.go */
export const SJSON_DECODER_GO = String.raw`// Added by Trede's build (server/db/embedded/ferretdb.ts, docs/decisions/052-ferretdb-single-pass-sjson.md).
//
// FerretDB's sjson decoder creates a json.Decoder per nesting level, decodes every object into
// map[string]json.RawMessage (copying each child) and decodes every leaf with json.Decoder again:
// each byte of a document is parsed once per nesting level. This file decodes a document in one
// pass over its bytes, driven by the schema. It only ever answers for input it decodes exactly as
// the original code would; for anything else (whitespace, duplicate keys, escapes it does not
// handle, type mismatches, every error) it reports !ok and the caller runs the original code, which
// also produces the original errors. trede_decode_test.go compares both on generated documents.

package sjson

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/FerretDB/FerretDB/internal/types"
)

// tredeSinglePass is switched off only by trede_decode_test.go to get the original decoder's answer.
var tredeSinglePass = true

// tredeScalarElems are shared schema elements for {"t":"<scalar>"}; they are never modified.
var tredeScalarElems = map[string]*elem{
	"double":    {Type: elemTypeDouble},
	"string":    {Type: elemTypeString},
	"objectId":  {Type: elemTypeObjectID},
	"bool":      {Type: elemTypeBool},
	"date":      {Type: elemTypeDate},
	"null":      {Type: elemTypeNull},
	"int":       {Type: elemTypeInt},
	"timestamp": {Type: elemTypeTimestamp},
	"long":      {Type: elemTypeLong},
}

type tredeScanner struct {
	data []byte
	pos  int
}

type tredeField struct {
	key   []byte
	value any
}

// tredeUnmarshal decodes a top-level document whose first field is its schema "$s" (as Marshal writes it).
func tredeUnmarshal(data []byte) (*types.Document, bool) {
	s := tredeScanner{data: data}
	if !s.consume('{') {
		return nil, false
	}
	key, ok := s.key()
	if !ok || string(key) != "$s" || !s.consume(':') {
		return nil, false
	}
	sch, ok := s.schema()
	if !ok {
		return nil, false
	}
	var fields []tredeField
	if s.consume(',') {
		if fields, ok = s.fields(sch, true); !ok {
			return nil, false
		}
	} else if !s.consume('}') {
		return nil, false
	}
	if s.pos != len(data) {
		return nil, false
	}
	return tredeOrdered(sch.Keys, fields)
}

// tredeFastDocument serves documentType.UnmarshalJSONWithSchema.
func tredeFastDocument(data []byte, sch *schema) (*types.Document, bool) {
	if !tredeSinglePass || bytes.Equal(data, []byte("null")) {
		return nil, false
	}
	s := tredeScanner{data: data}
	d, ok := s.document(sch)
	return d, ok && s.pos == len(data)
}

// tredeFastArray serves arrayType.UnmarshalJSONWithSchema.
func tredeFastArray(data []byte, schemas []*elem) (*types.Array, bool) {
	if !tredeSinglePass || bytes.Equal(data, []byte("null")) {
		return nil, false
	}
	s := tredeScanner{data: data}
	a, ok := s.array(schemas)
	return a, ok && s.pos == len(data)
}

func (s *tredeScanner) consume(c byte) bool {
	if s.pos < len(s.data) && s.data[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

func (s *tredeScanner) literal(lit string) bool {
	if len(s.data)-s.pos >= len(lit) && string(s.data[s.pos:s.pos+len(lit)]) == lit {
		s.pos += len(lit)
		return true
	}
	return false
}

// document decodes an object after the original documentType rules: {} is an empty document
// whatever the schema; otherwise the keys must be exactly the schema's $k.
func (s *tredeScanner) document(sch *schema) (*types.Document, bool) {
	if !s.consume('{') {
		return nil, false
	}
	if s.consume('}') {
		return new(types.Document), true
	}
	if sch == nil {
		return nil, false
	}
	fields, ok := s.fields(sch, false)
	if !ok {
		return nil, false
	}
	return tredeOrdered(sch.Keys, fields)
}

// fields decodes "key":value pairs up to and including the closing brace.
func (s *tredeScanner) fields(sch *schema, topLevel bool) ([]tredeField, bool) {
	fields := make([]tredeField, 0, len(sch.Keys))
	for {
		key, ok := s.key()
		if !ok || !s.consume(':') || (topLevel && string(key) == "$s") {
			return nil, false
		}
		value, ok := s.value(sch.Properties[string(key)])
		if !ok {
			return nil, false
		}
		fields = append(fields, tredeField{key: key, value: value})
		if s.consume(',') {
			continue
		}
		if s.consume('}') {
			return fields, true
		}
		return nil, false
	}
}

// tredeOrdered builds the document in schema order. Every schema key must match the first data
// field with that key, each field once: so data and schema have the same keys, without duplicates
// (the original decoder, through a map, would see duplicates differently: leave those to it).
func tredeOrdered(keys []string, fields []tredeField) (*types.Document, bool) {
	if len(keys) != len(fields) {
		return nil, false
	}
	if len(keys) == 0 {
		return new(types.Document), true
	}
	var usedBuf [64]bool
	used := usedBuf[:0]
	if len(keys) <= len(usedBuf) {
		used = usedBuf[:len(keys)]
	} else {
		used = make([]bool, len(keys))
	}
	pairs := make([]any, 2*len(keys))
	for i, key := range keys {
		j := -1
		if string(fields[i].key) == key {
			j = i
			for x := 0; x < i; x++ {
				if string(fields[x].key) == key {
					j = x
					break
				}
			}
		} else {
			for x := range fields {
				if string(fields[x].key) == key {
					j = x
					break
				}
			}
		}
		if j < 0 || used[j] {
			return nil, false
		}
		used[j] = true
		pairs[2*i] = key
		pairs[2*i+1] = fields[j].value
	}
	d, err := types.NewDocument(pairs...)
	return d, err == nil
}

func (s *tredeScanner) array(schemas []*elem) (*types.Array, bool) {
	if !s.consume('[') {
		return nil, false
	}
	if s.consume(']') {
		if len(schemas) != 0 {
			return nil, false
		}
		return new(types.Array), true
	}
	values := make([]any, 0, len(schemas))
	for {
		if len(values) >= len(schemas) {
			return nil, false
		}
		value, ok := s.value(schemas[len(values)])
		if !ok {
			return nil, false
		}
		values = append(values, value)
		if s.consume(',') {
			continue
		}
		if s.consume(']') {
			break
		}
		return nil, false
	}
	if len(values) != len(schemas) {
		return nil, false
	}
	a, err := types.NewArray(values...)
	return a, err == nil
}

// value decodes one value as unmarshalSingleValue does.
func (s *tredeScanner) value(e *elem) (any, bool) {
	if s.pos < len(s.data) && s.data[s.pos] == 'n' {
		if s.literal("null") {
			return types.Null, true
		}
		return nil, false
	}
	if e == nil {
		return nil, false
	}
	switch e.Type {
	case elemTypeObject:
		if e.Schema == nil {
			return nil, false
		}
		d, ok := s.document(e.Schema)
		return d, ok
	case elemTypeArray:
		if e.Items == nil {
			return nil, false
		}
		a, ok := s.array(e.Items)
		return a, ok
	case elemTypeDouble:
		lit, ok := s.number()
		if !ok {
			return nil, false
		}
		if n, neg, ok := tredeSmallInt(lit, 15); ok {
			if neg && n == 0 {
				return math.Copysign(0, -1), true
			}
			f := float64(n)
			if neg {
				f = -f
			}
			return f, true
		}
		f, err := strconv.ParseFloat(string(lit), 64)
		return f, err == nil
	case elemTypeString:
		raw, val, exact, ok := s.str()
		if !ok {
			return nil, false
		}
		if !exact {
			return tredeLeafFallback(raw, e)
		}
		return string(val), true
	case elemTypeBinData:
		if e.Subtype == nil {
			return nil, false
		}
		raw, val, exact, ok := s.str()
		if !ok {
			return nil, false
		}
		if !exact {
			return tredeLeafFallback(raw, e)
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(val)))
		n, err := base64.StdEncoding.Decode(b, val)
		if err != nil {
			return nil, false
		}
		return types.Binary{B: b[:n], Subtype: *e.Subtype}, true
	case elemTypeObjectID:
		raw, val, exact, ok := s.str()
		if !ok {
			return nil, false
		}
		if !exact {
			return tredeLeafFallback(raw, e)
		}
		var id types.ObjectID
		if len(val) != 2*len(id) {
			return nil, false
		}
		if _, err := hex.Decode(id[:], val); err != nil {
			return nil, false
		}
		return id, true
	case elemTypeBool:
		if s.literal("true") {
			return true, true
		}
		if s.literal("false") {
			return false, true
		}
		return nil, false
	case elemTypeDate:
		n, ok := s.integer(64)
		if !ok {
			return nil, false
		}
		return time.UnixMilli(n), true
	case elemTypeRegex:
		if e.Options == nil {
			return nil, false
		}
		raw, val, exact, ok := s.str()
		if !ok {
			return nil, false
		}
		if !exact {
			return tredeLeafFallback(raw, e)
		}
		return types.Regex{Pattern: string(val), Options: *e.Options}, true
	case elemTypeInt:
		n, ok := s.integer(32)
		return int32(n), ok
	case elemTypeTimestamp:
		lit, ok := s.number()
		if !ok {
			return nil, false
		}
		if n, neg, ok := tredeSmallInt(lit, 18); ok && !neg {
			return types.Timestamp(n), true
		}
		n, err := strconv.ParseUint(string(lit), 10, 64)
		return types.Timestamp(n), err == nil
	case elemTypeLong:
		return s.integer(64)
	default:
		return nil, false
	}
}

// tredeLeafFallback decodes a scalar token this file does not decode itself (escapes it leaves to
// encoding/json, invalid UTF-8) with the original leaf decoder.
func tredeLeafFallback(raw []byte, e *elem) (any, bool) {
	v, err := unmarshalSingleValue(raw, e)
	return v, err == nil
}

// integer decodes a JSON number into an integer of the given size as encoding/json does.
func (s *tredeScanner) integer(bits int) (int64, bool) {
	lit, ok := s.number()
	if !ok {
		return 0, false
	}
	if n, neg, ok := tredeSmallInt(lit, 9); ok {
		if neg {
			return -int64(n), true
		}
		return int64(n), true
	}
	n, err := strconv.ParseInt(string(lit), 10, bits)
	return n, err == nil
}

// tredeSmallInt reads a number literal made of an optional minus and at most maxDigits digits.
func tredeSmallInt(lit []byte, maxDigits int) (uint64, bool, bool) {
	neg := len(lit) > 0 && lit[0] == '-'
	digits := lit
	if neg {
		digits = lit[1:]
	}
	if len(digits) == 0 || len(digits) > maxDigits {
		return 0, false, false
	}
	var n uint64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, neg, true
}

// number scans a JSON number literal (RFC 8259 grammar) and returns it.
func (s *tredeScanner) number() ([]byte, bool) {
	d, i := s.data, s.pos
	start := i
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	s.pos = i
	return d[start:i], true
}

// str scans a JSON string. raw is the whole token; when exact, val is its decoded content (a
// sub-slice of the input when it has no escapes). !exact means: leave this token to encoding/json.
func (s *tredeScanner) str() (raw, val []byte, exact, ok bool) {
	d := s.data
	if s.pos >= len(d) || d[s.pos] != '"' {
		return nil, nil, false, false
	}
	start := s.pos
	escaped, high := false, false
	i := start + 1
	for {
		if i >= len(d) {
			return nil, nil, false, false
		}
		c := d[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			return nil, nil, false, false
		}
		if c == '\\' {
			escaped = true
			i += 2
			continue
		}
		if c >= utf8.RuneSelf {
			high = true
		}
		i++
	}
	s.pos = i + 1
	raw, content := d[start:i+1], d[start+1:i]
	if high && !utf8.Valid(content) {
		return raw, nil, false, true
	}
	if !escaped {
		return raw, content, true, true
	}
	val, exact = tredeUnescape(content)
	return raw, val, exact, true
}

// key scans an object key; keys this file cannot decode exactly send the document to the original decoder.
func (s *tredeScanner) key() ([]byte, bool) {
	_, val, exact, ok := s.str()
	return val, ok && exact
}

// tredeUnescape decodes the escapes of valid UTF-8 string content; surrogates and anything
// unusual are left to encoding/json (!exact).
func tredeUnescape(content []byte) ([]byte, bool) {
	out := make([]byte, 0, len(content))
	for i := 0; i < len(content); {
		c := content[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(content) {
			return nil, false
		}
		switch content[i+1] {
		case '"', '\\', '/':
			out = append(out, content[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+6 > len(content) {
				return nil, false
			}
			var r rune
			for _, h := range content[i+2 : i+6] {
				switch {
				case h >= '0' && h <= '9':
					r = r<<4 | rune(h-'0')
				case h >= 'a' && h <= 'f':
					r = r<<4 | rune(h-'a'+10)
				case h >= 'A' && h <= 'F':
					r = r<<4 | rune(h-'A'+10)
				default:
					return nil, false
				}
			}
			if utf16.IsSurrogate(r) {
				return nil, false
			}
			out = utf8.AppendRune(out, r)
			i += 6
			continue
		default:
			return nil, false
		}
		i += 2
	}
	return out, true
}

// schema parses a schema object ({"p":{...},"$k":[...]}) as the original json.Decoder with
// DisallowUnknownFields would, but only in its plain form: exact key names, no duplicates, no nulls.
func (s *tredeScanner) schema() (*schema, bool) {
	if !s.consume('{') {
		return nil, false
	}
	sch := new(schema)
	if s.consume('}') {
		return sch, true
	}
	seenP, seenK := false, false
	for {
		key, ok := s.key()
		if !ok || !s.consume(':') {
			return nil, false
		}
		switch {
		case string(key) == "p" && !seenP:
			seenP = true
			if sch.Properties, ok = s.properties(); !ok {
				return nil, false
			}
		case string(key) == "$k" && !seenK:
			seenK = true
			if sch.Keys, ok = s.keys(); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		if s.consume(',') {
			continue
		}
		if s.consume('}') {
			return sch, true
		}
		return nil, false
	}
}

func (s *tredeScanner) properties() (map[string]*elem, bool) {
	if !s.consume('{') {
		return nil, false
	}
	props := make(map[string]*elem)
	if s.consume('}') {
		return props, true
	}
	for {
		key, ok := s.key()
		if !ok || !s.consume(':') {
			return nil, false
		}
		if _, dup := props[string(key)]; dup {
			return nil, false
		}
		e, ok := s.elem()
		if !ok {
			return nil, false
		}
		props[string(key)] = e
		if s.consume(',') {
			continue
		}
		if s.consume('}') {
			return props, true
		}
		return nil, false
	}
}

func (s *tredeScanner) keys() ([]string, bool) {
	if !s.consume('[') {
		return nil, false
	}
	keys := []string{}
	if s.consume(']') {
		return keys, true
	}
	for {
		key, ok := s.key()
		if !ok {
			return nil, false
		}
		keys = append(keys, string(key))
		if s.consume(',') {
			continue
		}
		if s.consume(']') {
			return keys, true
		}
		return nil, false
	}
}

// elem parses one schema element ({"t":..., "$s":..., "o":..., "i":[...], "s":n}).
func (s *tredeScanner) elem() (*elem, bool) {
	if !s.consume('{') {
		return nil, false
	}
	var (
		typ                                  []byte
		sub                                  *schema
		options                              *string
		items                                []*elem
		subtype                              *types.BinarySubtype
		seenT, seenS, seenO, seenI, seenType bool
	)
	if !s.consume('}') {
		for {
			key, ok := s.key()
			if !ok || !s.consume(':') {
				return nil, false
			}
			switch {
			case string(key) == "t" && !seenT:
				seenT = true
				_, val, exact, ok := s.str()
				if !ok || !exact {
					return nil, false
				}
				typ = val
			case string(key) == "$s" && !seenS:
				seenS = true
				if sub, ok = s.schema(); !ok {
					return nil, false
				}
			case string(key) == "o" && !seenO:
				seenO = true
				_, val, exact, ok := s.str()
				if !ok || !exact {
					return nil, false
				}
				o := string(val)
				options = &o
			case string(key) == "i" && !seenI:
				seenI = true
				if items, ok = s.items(); !ok {
					return nil, false
				}
			case string(key) == "s" && !seenType:
				seenType = true
				lit, ok := s.number()
				if !ok {
					return nil, false
				}
				n, neg, ok := tredeSmallInt(lit, 3)
				if !ok || neg || n > math.MaxUint8 {
					return nil, false
				}
				st := types.BinarySubtype(n)
				subtype = &st
			default:
				return nil, false
			}
			if s.consume(',') {
				continue
			}
			if s.consume('}') {
				break
			}
			return nil, false
		}
	}
	if seenT && !seenS && !seenO && !seenI && !seenType {
		if shared, ok := tredeScalarElems[string(typ)]; ok {
			return shared, true
		}
	}
	var t elemType
	switch string(typ) {
	case "object":
		t = elemTypeObject
	case "array":
		t = elemTypeArray
	case "binData":
		t = elemTypeBinData
	case "regex":
		t = elemTypeRegex
	default:
		t = elemType(typ)
	}
	return &elem{Type: t, Schema: sub, Options: options, Items: items, Subtype: subtype}, true
}

func (s *tredeScanner) items() ([]*elem, bool) {
	if !s.consume('[') {
		return nil, false
	}
	items := []*elem{}
	if s.consume(']') {
		return items, true
	}
	for {
		e, ok := s.elem()
		if !ok {
			return nil, false
		}
		items = append(items, e)
		if s.consume(',') {
			continue
		}
		if s.consume(']') {
			return items, true
		}
		return nil, false
	}
}

// tredeMarshal encodes a top-level document exactly as Marshal does, into one buffer (the original
// builds a buffer per nesting level for the schema and another for the data, and copies each into
// its parent, and goes through json.Marshal for every key and leaf). !ok (a NaN or an infinity,
// which Marshal refuses) hands the document to the original code for its error.
func tredeMarshal(d *types.Document) ([]byte, bool) {
	buf := make([]byte, 0, 1024)
	buf = append(buf, "{\"$s\":"...)
	buf = tredeAppendSchema(buf, d)
	keys, values := d.Keys(), d.Values()
	for i, key := range keys {
		buf = append(buf, ',', '"')
		buf = append(buf, key...)
		buf = append(buf, '"', ':')
		var ok bool
		if buf, ok = tredeAppendValue(buf, values[i]); !ok {
			return nil, false
		}
	}
	return append(buf, '}'), true
}

// tredeAppendSchema appends what marshalSchemaForDoc returns.
func tredeAppendSchema(buf []byte, d *types.Document) []byte {
	keys, values := d.Keys(), d.Values()
	if len(keys) == 0 {
		return append(buf, '{', '}')
	}
	buf = append(buf, "{\"p\":{"...)
	for i, key := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = tredeAppendString(buf, key)
		buf = append(buf, ':')
		buf = tredeAppendElem(buf, values[i])
	}
	buf = append(buf, "},\"$k\":["...)
	for i, key := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = tredeAppendString(buf, key)
	}
	return append(buf, ']', '}')
}

// tredeAppendElem appends what marshalElemForSingleValue returns.
func tredeAppendElem(buf []byte, value any) []byte {
	switch v := value.(type) {
	case *types.Document:
		buf = append(buf, "{\"t\":\"object\",\"$s\":"...)
		buf = tredeAppendSchema(buf, v)
		return append(buf, '}')
	case *types.Array:
		buf = append(buf, "{\"t\":\"array\",\"i\":["...)
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			el, _ := v.Get(i)
			buf = tredeAppendElem(buf, el)
		}
		return append(buf, ']', '}')
	case types.Binary:
		buf = append(buf, "{\"t\":\"binData\",\"s\":"...)
		buf = strconv.AppendUint(buf, uint64(v.Subtype), 10)
		return append(buf, '}')
	case types.Regex:
		buf = append(buf, "{\"t\":\"regex\",\"o\":"...)
		buf = tredeAppendString(buf, v.Options)
		return append(buf, '}')
	default:
		buf = append(buf, "{\"t\":\""...)
		buf = append(buf, GetTypeOfValue(value)...)
		return append(buf, '"', '}')
	}
}

// tredeAppendValue appends what MarshalSingleValue returns; !ok where that fails.
func tredeAppendValue(buf []byte, value any) ([]byte, bool) {
	switch v := value.(type) {
	case *types.Document:
		buf = append(buf, '{')
		keys, values := v.Keys(), v.Values()
		for i, key := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = tredeAppendString(buf, key)
			buf = append(buf, ':')
			var ok bool
			if buf, ok = tredeAppendValue(buf, values[i]); !ok {
				return nil, false
			}
		}
		return append(buf, '}'), true
	case *types.Array:
		buf = append(buf, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			el, _ := v.Get(i)
			var ok bool
			if buf, ok = tredeAppendValue(buf, el); !ok {
				return nil, false
			}
		}
		return append(buf, ']'), true
	case float64:
		if abs := math.Abs(v); abs == 0 || (abs >= 1e-6 && abs < 1e21) {
			return strconv.AppendFloat(buf, v, 'f', -1, 64), true
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, false
		}
		return append(buf, b...), true
	case string:
		return tredeAppendString(buf, v), true
	case types.Binary:
		if v.B == nil {
			return append(buf, "null"...), true
		}
		buf = append(buf, '"')
		buf = base64.StdEncoding.AppendEncode(buf, v.B)
		return append(buf, '"'), true
	case types.ObjectID:
		buf = append(buf, '"')
		buf = hex.AppendEncode(buf, v[:])
		return append(buf, '"'), true
	case bool:
		return strconv.AppendBool(buf, v), true
	case time.Time:
		return strconv.AppendInt(buf, v.UnixMilli(), 10), true
	case types.NullType:
		return append(buf, "null"...), true
	case types.Regex:
		return tredeAppendString(buf, v.Pattern), true
	case int32:
		return strconv.AppendInt(buf, int64(v), 10), true
	case types.Timestamp:
		return strconv.AppendUint(buf, uint64(v), 10), true
	case int64:
		return strconv.AppendInt(buf, v, 10), true
	default:
		return nil, false
	}
}

// tredeAppendString appends a JSON string as json.Marshal writes it: printable ASCII other than
// " \ < > & and valid UTF-8 other than U+2028/U+2029 as they are, the rest through json.Marshal.
func tredeAppendString(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				b, _ := json.Marshal(s)
				return append(buf, b...)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			b, _ := json.Marshal(s)
			return append(buf, b...)
		}
		i += size
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}
`;

/** internal/handler/sjson/trede_decode_test.go */
export const SJSON_DECODER_TEST_GO = String.raw`// Added by Trede's build (server/db/embedded/ferretdb.ts): the single-pass decoder of
// trede_decode.go against FerretDB's original decoder, on generated documents, their
// mutations and hand-written edge cases. The original decoder is the oracle: the new one must
// give the same document (floats bit for bit) or fail where it fails.

package sjson

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/AlekSi/pointer"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// tredeDecodeBoth decodes with the original decoder and with the single-pass one.
// Not parallel: it switches the package's decoder while no other test runs.
func tredeDecodeBoth(data []byte) (orig, fast *types.Document, origErr, fastErr error, origPanic, fastPanic any) {
	decode := func(single bool) (d *types.Document, err error, p any) {
		tredeSinglePass = single
		defer func() {
			tredeSinglePass = true
			p = recover()
		}()
		d, err = Unmarshal(data)
		return
	}
	orig, origErr, origPanic = decode(false)
	fast, fastErr, fastPanic = decode(true)
	return
}

// tredeSame compares decoded values exactly: structure, types, and floats by their bits.
func tredeSame(a, b any) bool {
	switch a := a.(type) {
	case *types.Document:
		b, ok := b.(*types.Document)
		if !ok || !reflect.DeepEqual(a.Keys(), b.Keys()) {
			return false
		}
		av, bv := a.Values(), b.Values()
		for i := range av {
			if !tredeSame(av[i], bv[i]) {
				return false
			}
		}
		return reflect.DeepEqual(a, b) // floats compared bit for bit above
	case *types.Array:
		b, ok := b.(*types.Array)
		if !ok || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !tredeSame(must.NotFail(a.Get(i)), must.NotFail(b.Get(i))) {
				return false
			}
		}
		return true
	case float64:
		b, ok := b.(float64)
		return ok && math.Float64bits(a) == math.Float64bits(b)
	case time.Time:
		b, ok := b.(time.Time)
		return ok && a.Equal(b) && a.Location() == b.Location()
	default:
		return reflect.DeepEqual(a, b) && reflect.TypeOf(a) == reflect.TypeOf(b)
	}
}

func tredeCheck(t *testing.T, data []byte, mustBeFast bool) {
	t.Helper()
	orig, fast, origErr, fastErr, origPanic, fastPanic := tredeDecodeBoth(data)
	if (origPanic == nil) != (fastPanic == nil) {
		t.Fatalf("panics differ for %q: original %v, single-pass %v", data, origPanic, fastPanic)
	}
	if (origErr == nil) != (fastErr == nil) {
		t.Fatalf("errors differ for %q: original %v, single-pass %v", data, origErr, fastErr)
	}
	if origErr != nil && origErr.Error() != fastErr.Error() {
		t.Fatalf("error texts differ for %q: %v / %v", data, origErr, fastErr)
	}
	if origErr == nil && origPanic == nil && !tredeSame(orig, fast) {
		t.Fatalf("documents differ for %q:\noriginal    %v\nsingle-pass %v", data, orig, fast)
	}
	if mustBeFast {
		if _, ok := tredeUnmarshal(data); !ok {
			t.Fatalf("the single-pass decoder left Marshal's own output to the original: %q", data)
		}
	}
}

type tredeGen struct{ r *rand.Rand }

var tredeStrings = []string{
	"", "a", "Begeleider", "ONT", "gesprek met \"cliënt\"", "regel 1\nregel 2\ttab\r", "back\\slash/",
	"<b>&amp;</b>", "é ü ß € 日本", "emoji 😀 🇳🇱", "\u2028\u2029", "\x00\x01\x1f\x7f", "bad utf8 \xff\xfe", "\ufffd",
	"\ud7ff\ue000\uffff", "$s", "$k", "p", "t", "null", "123", "true",
}

func (g tredeGen) str() string {
	if g.r.Intn(3) == 0 {
		return tredeStrings[g.r.Intn(len(tredeStrings))]
	}
	var sb strings.Builder
	for n := g.r.Intn(20); n > 0; n-- {
		switch g.r.Intn(10) {
		case 0:
			sb.WriteRune(rune(g.r.Intn(0x20)))
		case 1:
			sb.WriteRune(rune(0x80 + g.r.Intn(0x10000-0x80)))
		case 2:
			sb.WriteRune(rune(0x10000 + g.r.Intn(0x10ffff-0x10000)))
		case 3:
			sb.WriteByte("\"\\/<>&"[g.r.Intn(6)])
		default:
			sb.WriteByte(byte(0x20 + g.r.Intn(0x5f)))
		}
	}
	return sb.String()
}

var tredeFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, 1.0 / 3, 123456789012345, 1234567890123456, 9007199254740993,
	1e21, 1e20, 1e-6, 1e-7, 1.5e300, -2.5e-300, math.MaxFloat64, -math.MaxFloat64,
	math.SmallestNonzeroFloat64, 5e-324, 4.9e-324, 2.2250738585072014e-308, 1e308,
}

func (g tredeGen) scalar() any {
	switch g.r.Intn(13) {
	case 0:
		if g.r.Intn(2) == 0 {
			return tredeFloats[g.r.Intn(len(tredeFloats))]
		}
		return math.Float64frombits(g.r.Uint64()&^(0x7ff<<52) | uint64(g.r.Intn(0x7ff))<<52)
	case 1:
		return g.str()
	case 2:
		b := make([]byte, g.r.Intn(40))
		g.r.Read(b)
		return types.Binary{B: b, Subtype: types.BinarySubtype(g.r.Intn(256))}
	case 3:
		var id types.ObjectID
		g.r.Read(id[:])
		return id
	case 4:
		return g.r.Intn(2) == 0
	case 5:
		ms := []int64{0, -1, 1, 1764633600000, -62135596800000, 253402300799999}[g.r.Intn(6)]
		if g.r.Intn(2) == 0 {
			ms = g.r.Int63n(1<<45) - 1<<44
		}
		return time.UnixMilli(ms)
	case 6:
		return types.Null
	case 7:
		return types.Regex{Pattern: g.str(), Options: []string{"", "i", "imsx"}[g.r.Intn(3)]}
	case 8:
		return []int32{0, -1, 1, math.MaxInt32, math.MinInt32, 999999999, -1000000000}[g.r.Intn(7)]
	case 9:
		return int32(g.r.Uint32())
	case 10:
		return types.Timestamp([]uint64{0, 1, math.MaxUint64, 1 << 63, 999999999999999999}[g.r.Intn(5)])
	case 11:
		return []int64{0, -1, math.MaxInt64, math.MinInt64, 1e18, -1e18, 1234567890}[g.r.Intn(7)]
	default:
		return int64(g.r.Uint64())
	}
}

func (g tredeGen) value(depth int) any {
	if depth < 7 {
		switch g.r.Intn(6) {
		case 0:
			return g.document(depth+1, false)
		case 1:
			a := types.MakeArray(0)
			for n := g.r.Intn(6); n > 0; n-- {
				a.Append(g.value(depth + 1))
			}
			return a
		}
	}
	return g.scalar()
}

func (g tredeGen) document(depth int, topLevel bool) *types.Document {
	d := must.NotFail(types.NewDocument())
	for n := g.r.Intn(9); n > 0; n-- {
		key := g.str()
		if topLevel {
			// Marshal writes top-level keys unescaped, so only plain ones make valid JSON there.
			key = fmt.Sprintf("f%d_%s", n, strings.Map(func(r rune) rune {
				if r < 0x20 || r == '"' || r == '\\' {
					return -1
				}
				return r
			}, key))
			if key == "$s" {
				continue
			}
		}
		d.Set(key, g.value(depth))
	}
	return d
}

func TestTredeSinglePassMatchesOriginalOnGeneratedDocuments(t *testing.T) {
	g := tredeGen{r: rand.New(rand.NewSource(52))}
	for i := 0; i < 3000; i++ {
		data := must.NotFail(Marshal(g.document(0, true)))
		tredeCheck(t, data, true)
	}
}

func TestTredeSinglePassMatchesOriginalOnMutations(t *testing.T) {
	g := tredeGen{r: rand.New(rand.NewSource(53))}
	pieces := []string{"\"", "\\", "{", "}", "[", "]", ",", ":", " ", "null", "0", "-", ".", "e", "1e400",
		"\\u", "\\ud83d", "\"t\":\"int\"", "\"$s\":{}", "\"p\":{}", "\"$k\":[]", "\\n", "\xff", "01", "-0", "true"}
	for i := 0; i < 6000; i++ {
		data := []byte(string(must.NotFail(Marshal(g.document(0, true)))))
		for m := 1 + g.r.Intn(3); m > 0 && len(data) > 0; m-- {
			at := g.r.Intn(len(data))
			switch g.r.Intn(4) {
			case 0:
				data = append(data[:at:at], data[at+1:]...)
			case 1:
				data[at] = byte(g.r.Intn(256))
			case 2:
				data[at] = "\"{}[],:0-.e\\nu"[g.r.Intn(14)]
			default:
				piece := pieces[g.r.Intn(len(pieces))]
				data = append(data[:at:at], append([]byte(piece), data[at:]...)...)
			}
		}
		tredeCheck(t, data, false)
	}
}

func TestTredeSinglePassEdgeCases(t *testing.T) {
	const s = "{\"$s\":{\"p\":{\"a\":{\"t\":\"%s\"}},\"$k\":[\"a\"]},\"a\":%s}"
	cases := map[string][]string{
		"double":    {"0", "-0", "1", "-1.5", "1e400", "-1e400", "1E2", "1e-400", "4.9e-324", "123456789012345678901234567890", "01", "1.", ".5", "+1", "\"1\"", "true", "null", "NaN", "1.7976931348623157e308"},
		"int":       {"0", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649", "1.0", "1e2", "9999999999", "\"1\"", "null"},
		"long":      {"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1.5", "-0"},
		"timestamp": {"0", "-0", "-1", "18446744073709551615", "18446744073709551616", "1.0"},
		"date":      {"0", "-1", "1764633600000", "-62135596800000", "9223372036854775807", "1.5", "1e3"},
		"string": {"\"\"", "\"a\"", "\"\\\"\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u0000\"", "\"\\u00e9\"", "\"\\u00E9\"", "\"\\ud83d\\ude00\"",
			"\"\\ud83d\"", "\"\\ude00x\"", "\"\\ud83d\\u0041\"", "\"\\x\"", "\"\\'\"", "\"\\u12\"", "\"\\u12G4\"", "\"\xff\"", "\"\xed\xa0\x80\"", "\"a\x01\"", "\"é\"", "\"a", "1"},
		"bool":     {"true", "false", "True", "1", "\"true\"", "nul"},
		"objectId": {"\"0123456789abcdef01234567\"", "\"0123456789ABCDEF01234567\"", "\"0123456789abcdef0123456\"", "\"0123456789abcdef012345678\"", "\"0123456789abcdef0123456g\"", "\"\\u0030123456789abcdef01234567\"", "1"},
		"null":     {"null", "1", "\"x\""},
		"unknown":  {"1", "null"},
	}
	for typ, values := range cases {
		for _, v := range values {
			tredeCheck(t, []byte(fmt.Sprintf(s, typ, v)), false)
		}
	}
	for _, data := range []string{
		"{\"$s\":{}}", "{\"$s\":{\"p\":{},\"$k\":[]}}", "{\"$s\":{}}x", "{\"$s\":{}} ", " {\"$s\":{}}", "{\"$s\":{},\"$s\":{}}", "{}", "null", "\"x\"", "[]",
		"{\"a\":1,\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"a\":1,\"a\":2}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\",\"a\"]},\"a\":1,\"a\":2}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\",\"a\"]},\"a\":1,\"b\":2}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"},\"b\":{\"t\":\"int\"}},\"$k\":[\"b\",\"a\"]},\"a\":1,\"b\":2}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"},\"a\":{\"t\":\"string\"}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"b\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"b\"]},\"b\":null}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"a\":1 }",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]}, \"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"T\":\"int\"}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"P\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\",\"x\":1}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"],\"x\":1},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":null},\"a\":1}",
		"{\"$s\":{\"p\":null,\"$k\":[\"a\"]},\"a\":null}",
		"{\"$s\":{\"p\":{\"a\":null},\"$k\":[\"a\"]},\"a\":null}",
		"{\"$s\":{\"p\":{\"\\u0061\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"int\"}},\"$k\":[\"a\"]},\"\\u0061\":1}",
		"{\"$s\":{\"p\":{\"\\ud83d\":{\"t\":\"int\"}},\"$k\":[\"\\ud83d\"]},\"\\ud83d\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\",\"$s\":{}}},\"$k\":[\"a\"]},\"a\":{}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\",\"$s\":{}}},\"$k\":[\"a\"]},\"a\":{\"b\":1}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\"}},\"$k\":[\"a\"]},\"a\":{}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\",\"$s\":null}},\"$k\":[\"a\"]},\"a\":{}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\",\"$s\":{\"p\":{\"b\":{\"t\":\"int\"}},\"$k\":[\"b\"]}}},\"$k\":[\"a\"]},\"a\":{\"b\":1}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"object\",\"$s\":{\"p\":{\"b\":{\"t\":\"int\"}},\"$k\":[\"b\"]}}},\"$k\":[\"a\"]},\"a\":[]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[]}},\"$k\":[\"a\"]},\"a\":[]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\"}},\"$k\":[\"a\"]},\"a\":[]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":null}},\"$k\":[\"a\"]},\"a\":[]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"}]}},\"$k\":[\"a\"]},\"a\":[]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"}]}},\"$k\":[\"a\"]},\"a\":[1,2]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"},null]}},\"$k\":[\"a\"]},\"a\":[1,null]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"},null]}},\"$k\":[\"a\"]},\"a\":[1,2]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"},{\"t\":\"string\"}]}},\"$k\":[\"a\"]},\"a\":[1,\"x\"]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"array\",\"i\":[{\"t\":\"int\"}]}},\"$k\":[\"a\"]},\"a\":{}}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":0}},\"$k\":[\"a\"]},\"a\":\"AAEC\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":128}},\"$k\":[\"a\"]},\"a\":\"\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":256}},\"$k\":[\"a\"]},\"a\":\"\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":-1}},\"$k\":[\"a\"]},\"a\":\"\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":1.0}},\"$k\":[\"a\"]},\"a\":\"\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\"}},\"$k\":[\"a\"]},\"a\":\"AAEC\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":0}},\"$k\":[\"a\"]},\"a\":\"AAE\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":0}},\"$k\":[\"a\"]},\"a\":\"AA\\nEC\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":0}},\"$k\":[\"a\"]},\"a\":\"AA\\u0045C\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"binData\",\"s\":0}},\"$k\":[\"a\"]},\"a\":[1,2]}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"regex\",\"o\":\"i\"}},\"$k\":[\"a\"]},\"a\":\"^a.*\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"regex\",\"o\":\"i\\u0020\"}},\"$k\":[\"a\"]},\"a\":\"^a\\\\.*\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"regex\"}},\"$k\":[\"a\"]},\"a\":\"^a\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"regex\",\"o\":null}},\"$k\":[\"a\"]},\"a\":\"^a\"}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"string\",\"t\":\"int\"}},\"$k\":[\"a\"]},\"a\":1}",
		"{\"$s\":{\"p\":{\"a\":{\"t\":\"\\u0069nt\"}},\"$k\":[\"a\"]},\"a\":1}",
	} {
		tredeCheck(t, []byte(data), false)
	}
}

// documentType/arrayType.UnmarshalJSONWithSchema go through the single-pass decoder too (FerretDB's
// own tests in this package call them with parsed schemas): compare them with the original as well.
func TestTredeSinglePassNestedEntryPoints(t *testing.T) {
	g := tredeGen{r: rand.New(rand.NewSource(54))}
	for i := 0; i < 1000; i++ {
		value := g.value(0)
		data := must.NotFail(toSJSON(value).MarshalJSON())
		var e elem
		if err := json.Unmarshal(must.NotFail(marshalElemForSingleValue(value)), &e); err != nil {
			t.Fatal(err)
		}
		var orig, fast any
		var origErr error
		tredeSinglePass = false
		switch e.Type {
		case elemTypeObject:
			var d documentType
			origErr = d.UnmarshalJSONWithSchema(data, e.Schema)
			orig = pointer.To(types.Document(d))
			fast, _ = tredeFastDocument(data, e.Schema)
		case elemTypeArray:
			var a arrayType
			origErr = a.UnmarshalJSONWithSchema(data, e.Items)
			orig = pointer.To(types.Array(a))
			tredeSinglePass = true
			fastArray, ok := tredeFastArray(data, e.Items)
			if ok {
				fast = fastArray
			}
		default:
			tredeSinglePass = true
			continue
		}
		tredeSinglePass = true
		if e.Type == elemTypeObject {
			fastDoc, ok := tredeFastDocument(data, e.Schema)
			fast = nil
			if ok {
				fast = fastDoc
			}
		}
		if origErr != nil || fast == nil || !tredeSame(orig, fast) {
			t.Fatalf("nested entry point differs for %s: %v", data, origErr)
		}
	}
}

// tredeMarshalBoth encodes with the original Marshal and with tredeMarshal's path.
func tredeMarshalBoth(d *types.Document) (orig, fast []byte, origErr, fastErr error) {
	tredeSinglePass = false
	orig, origErr = Marshal(d)
	tredeSinglePass = true
	fast, fastErr = Marshal(d)
	return
}

func TestTredeMarshalMatchesOriginal(t *testing.T) {
	g := tredeGen{r: rand.New(rand.NewSource(56))}
	for i := 0; i < 3000; i++ {
		d := g.document(0, true)
		if i%100 == 0 {
			// Marshal refuses NaN and infinities (json.Marshal does): the same error both ways
			d.Set("special", must.NotFail(types.NewArray(1.5, []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[i/100%3])))
		}
		if i%7 == 0 {
			d.Set("nilBinary", types.Binary{Subtype: types.BinaryUser})
		}
		orig, fast, origErr, fastErr := tredeMarshalBoth(d)
		if (origErr == nil) != (fastErr == nil) || (origErr != nil && origErr.Error() != fastErr.Error()) {
			t.Fatalf("errors differ: %v / %v", origErr, fastErr)
		}
		if string(orig) != string(fast) {
			t.Fatalf("encodings differ:\noriginal %s\nfast     %s", orig, fast)
		}
		if origErr == nil {
			if _, ok := tredeMarshal(d); !ok {
				t.Fatalf("the single-buffer encoder left a valid document to the original: %s", orig)
			}
		}
	}
}

func BenchmarkTredeMarshal(b *testing.B) {
	g := tredeGen{r: rand.New(rand.NewSource(57))}
	docs := make([]*types.Document, 200)
	for i := range docs {
		docs[i] = g.document(0, true)
	}
	for _, single := range []bool{false, true} {
		b.Run(fmt.Sprintf("singlePass=%v", single), func(b *testing.B) {
			tredeSinglePass = single
			defer func() { tredeSinglePass = true }()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				must.NotFail(Marshal(docs[i%len(docs)]))
			}
		})
	}
}

func BenchmarkTredeDecode(b *testing.B) {
	g := tredeGen{r: rand.New(rand.NewSource(55))}
	docs := make([][]byte, 200)
	for i := range docs {
		docs[i] = must.NotFail(Marshal(g.document(0, true)))
	}
	for _, single := range []bool{false, true} {
		b.Run(fmt.Sprintf("singlePass=%v", single), func(b *testing.B) {
			tredeSinglePass = single
			defer func() { tredeSinglePass = true }()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				must.NotFail(Unmarshal(docs[i%len(docs)]))
			}
		})
	}
}
`;
