package render

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/parquet-go/parquet-go/encoding"
)

// The layout of a Parquet file: rows go to the library in batches, which
// it buffers, compressed, up to a row group; the row group is then written
// out, so memory is bounded by one row group.
const (
	parquetBatchRows    = 1024
	parquetRowGroupRows = 128 * 1024
	// ParquetInferRows is how many rows a Parquet writer holds back to
	// choose the type of an expression column (TypeAny).
	ParquetInferRows = 1000
)

// pqKind is the physical and logical type of one Parquet column.
type pqKind int

const (
	pqString pqKind = iota // BYTE_ARRAY (STRING)
	pqInt64                // INT64
	pqDouble               // DOUBLE
	pqDate                 // INT32 (DATE): days since 1970-01-01
	pqBytes                // BYTE_ARRAY
)

func (k pqKind) String() string {
	return [...]string{"STRING", "INT64", "DOUBLE", "DATE", "BYTE_ARRAY"}[k]
}

func (k pqKind) node() parquet.Node {
	var n parquet.Node
	switch k {
	case pqInt64:
		n = parquet.Leaf(parquet.Int64Type)
	case pqDouble:
		n = parquet.Leaf(parquet.DoubleType)
	case pqDate:
		n = parquet.Date()
	case pqBytes:
		n = parquet.Leaf(parquet.ByteArrayType)
	default:
		n = parquet.String()
	}
	return parquet.Optional(n)
}

// parquetWriter writes an Apache Parquet file, zstd-compressed, every
// column optional (NULL is a null). Declared types map to Parquet types:
//
//	INTEGER → INT64 (INT(64, signed))   REAL → DOUBLE
//	TEXT    → STRING (UTF-8 BYTE_ARRAY)
//	DATE    → DATE (INT32, days since 1970-01-01)
//	BLOB    → BYTE_ARRAY
//
// An expression column (TypeAny) takes its type from its non-NULL values
// in the first ParquetInferRows rows, which the writer holds back: only
// integers → INT64; numbers, at least one of them real → DOUBLE; only
// bytes that are not UTF-8 → BYTE_ARRAY; anything else (text, a mix of
// text and numbers, no value at all) → STRING, every later value written
// as its text. A later value that does not fit the inferred type (a real
// in an INT64 column) is an error with a hint to CAST in the query.
//
// A value that does not fit its column's type — text in an INTEGER or
// DATE column, bytes that are not UTF-8 in a TEXT column — is an error
// naming the row and the column. Numbers fit a TEXT column as their text.
type parquetWriter struct {
	out          io.Writer
	cols         []Column
	kinds        []pqKind
	w            *parquet.GenericWriter[any]
	held         [][]any // rows held back to infer expression columns' types
	batch        []parquet.Row
	rows         int // rows received
	rowGroupRows int64
	closed       bool
}

// NewParquet returns a writer of a Parquet file on w.
func NewParquet(w io.Writer) Writer {
	return &parquetWriter{out: w, rowGroupRows: parquetRowGroupRows}
}

func (p *parquetWriter) Header(cols []Column) error {
	if len(cols) == 0 {
		return errors.New("parquet: the result has no columns")
	}
	if err := distinctNames("parquet", cols); err != nil {
		return err
	}
	p.cols = cols
	p.kinds = make([]pqKind, len(cols))
	infer := false
	for i, c := range cols {
		switch c.Type {
		case TypeInteger:
			p.kinds[i] = pqInt64
		case TypeReal:
			p.kinds[i] = pqDouble
		case TypeDate:
			p.kinds[i] = pqDate
		case TypeBlob:
			p.kinds[i] = pqBytes
		case TypeText:
			p.kinds[i] = pqString
		default:
			infer = true
		}
	}
	if !infer {
		p.start()
	}
	return nil
}

func (p *parquetWriter) Row(vals []any) error {
	p.rows++
	if p.w == nil {
		p.held = append(p.held, append([]any(nil), vals...))
		if len(p.held) < ParquetInferRows {
			return nil
		}
		return p.release()
	}
	return p.add(p.rows, vals)
}

// release infers the expression columns' types from the rows held back,
// starts the file and writes those rows.
func (p *parquetWriter) release() error {
	for i, c := range p.cols {
		if c.Type == TypeAny {
			p.kinds[i] = inferKind(p.held, i)
		}
	}
	p.start()
	err := replay(p.held, p.rows, p.add)
	p.held = nil
	return err
}

// inferKind chooses the type of expression column i from its values.
func inferKind(rows [][]any, i int) pqKind {
	c := CensusOf(rows, i)
	ints, reals, bytes := c.Ints+c.Bools, c.Reals, c.Binary
	others := c.Dates + c.Months + c.Texts + c.Bytes + c.Others
	switch {
	case others > 0:
		return pqString
	case bytes > 0 && ints+reals == 0:
		return pqBytes
	case bytes > 0:
		return pqString
	case reals > 0:
		return pqDouble
	case ints > 0:
		return pqInt64
	}
	return pqString
}

func (p *parquetWriter) start() {
	fields := make(pqGroup, len(p.cols))
	for i, c := range p.cols {
		fields[i] = &pqField{Node: p.kinds[i].node(), name: c.Name}
	}
	schema := parquet.NewSchema("result", fields)
	p.w = parquet.NewGenericWriter[any](p.out, schema,
		parquet.Compression(&zstd.Codec{}),
		parquet.MaxRowsPerRowGroup(p.rowGroupRows),
		parquet.CreatedBy("incq", "", ""))
	p.batch = make([]parquet.Row, 0, parquetBatchRows)
}

// add converts result row n (1-based) and writes the batch when it is full.
func (p *parquetWriter) add(n int, vals []any) error {
	row := make(parquet.Row, len(vals))
	for i, v := range vals {
		pv, err := p.value(i, v)
		if err != nil {
			return fmt.Errorf("parquet: row %d, column %q: %w", n, p.cols[i].Name, err)
		}
		row[i] = pv
	}
	p.batch = append(p.batch, row)
	if len(p.batch) == cap(p.batch) {
		return p.writeBatch()
	}
	return nil
}

func (p *parquetWriter) writeBatch() error {
	if len(p.batch) == 0 {
		return nil
	}
	if _, err := p.w.WriteRows(p.batch); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	p.batch = p.batch[:0]
	return nil
}

// value converts v for column i, or says why it does not fit.
func (p *parquetWriter) value(i int, v any) (parquet.Value, error) {
	if v == nil {
		return parquet.NullValue().Level(0, 0, i), nil
	}
	k := p.kinds[i]
	var pv parquet.Value
	fits := true
	switch k {
	case pqInt64:
		switch v := v.(type) {
		case int64:
			pv = parquet.Int64Value(v)
		case bool:
			pv = parquet.Int64Value(0)
			if v {
				pv = parquet.Int64Value(1)
			}
		default:
			fits = false
		}
	case pqDouble:
		switch v := v.(type) {
		case float64:
			pv = parquet.DoubleValue(v)
		case int64:
			pv = parquet.DoubleValue(float64(v))
		default:
			fits = false
		}
	case pqDate:
		var d time.Time
		switch v := v.(type) {
		case string:
			t, err := time.Parse(time.DateOnly, v)
			d, fits = t, err == nil
		case time.Time:
			d = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		default:
			fits = false
		}
		if fits {
			// d is a midnight UTC, a whole number of days from the epoch.
			pv = parquet.Int32Value(int32(d.Unix() / 86400))
		}
	case pqBytes:
		switch v := v.(type) {
		case []byte:
			pv = parquet.ByteArrayValue(append([]byte(nil), v...))
		case string:
			pv = parquet.ByteArrayValue([]byte(v))
		default:
			fits = false
		}
	default: // pqString
		switch v := v.(type) {
		case []byte:
			if !utf8.Valid(v) && p.cols[i].Type != TypeAny {
				fits = false
				break
			}
			pv = parquet.ByteArrayValue([]byte(Text(v)))
		case string:
			if !utf8.ValidString(v) {
				fits = false
				break
			}
			pv = parquet.ByteArrayValue([]byte(v))
		default:
			pv = parquet.ByteArrayValue([]byte(Text(v)))
		}
	}
	if !fits {
		err := fmt.Errorf("%s does not fit the %s column", describe(v), k)
		if p.cols[i].Type == TypeAny {
			err = fmt.Errorf("%w, a type inferred from the first %d rows; CAST the expression in the query", err, ParquetInferRows)
		}
		return parquet.Value{}, err
	}
	return pv.Level(0, 1, i), nil
}

// describe shows a value and its type in an error message.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("%q (text)", v)
	case int64:
		return strconv.FormatInt(v, 10) + " (integer)"
	case float64:
		return formatFloat(v) + " (real)"
	case []byte:
		return fmt.Sprintf("a blob of %d bytes", len(v))
	case bool:
		return strconv.FormatBool(v) + " (boolean)"
	case time.Time:
		return v.Format(time.RFC3339) + " (time)"
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

// Flush writes the rows still held back or batched and the file's footer.
func (p *parquetWriter) Flush() error {
	if p.closed {
		return nil
	}
	if p.cols == nil {
		return errors.New("parquet: no header")
	}
	if p.w == nil {
		if err := p.release(); err != nil {
			return err
		}
	}
	if err := p.writeBatch(); err != nil {
		return err
	}
	p.closed = true
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

// pqGroup is the schema's root: a group whose fields keep the result's
// column order (parquet.Group, a map, sorts them by name).
type pqGroup []parquet.Field

func (g pqGroup) ID() int                     { return 0 }
func (g pqGroup) String() string              { return fmt.Sprintf("group of %d columns", len(g)) }
func (g pqGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g pqGroup) Optional() bool              { return false }
func (g pqGroup) Repeated() bool              { return false }
func (g pqGroup) Required() bool              { return true }
func (g pqGroup) Leaf() bool                  { return false }
func (g pqGroup) Fields() []parquet.Field     { return g }
func (g pqGroup) Encoding() encoding.Encoding { return nil }
func (g pqGroup) Compression() compress.Codec { return nil }

// GoType is a struct of the fields' Go types, as parquet.Group's; the
// writer never needs it, since it writes parquet.Row values.
func (g pqGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(`parquet:` + strconv.Quote(strings.ReplaceAll(f.Name(), ",", "_"))),
		}
	}
	return reflect.StructOf(fields)
}

// pqField is a named column of a pqGroup.
type pqField struct {
	parquet.Node
	name string
}

func (f *pqField) Name() string { return f.name }

// Value is for writing Go structs, which this package never does.
func (f *pqField) Value(base reflect.Value) reflect.Value { return reflect.Value{} }
