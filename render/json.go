package render

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonWriter writes an array of objects (or, for NDJSON, one object per
// line) whose keys keep the column order and whose values keep their type.
type jsonWriter struct {
	w     *bufio.Writer
	lines bool
	// format names the writer in errors: json, ndjson, or geojson for
	// the properties of its features.
	format Format
	note   func(string) // Options.Note; nil for none
	noted  bool         // the note on Inf and NaN is sent
	keys   [][]byte
	rows   int
	buf    bytes.Buffer
	enc    *json.Encoder
}

func newJSON(w io.Writer, lines bool, format Format) *jsonWriter {
	j := &jsonWriter{w: bufio.NewWriter(w), lines: lines, format: format}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

func (j *jsonWriter) Header(columns []Column) error {
	if err := distinctNames(j.format, columns); err != nil {
		return err
	}
	cols := Names(columns)
	j.keys = make([][]byte, len(cols))
	for i, c := range cols {
		k, err := j.encode(c)
		if err != nil {
			return err
		}
		j.keys[i] = append(k, ':')
	}
	return nil
}

// encode marshals v without HTML escaping and without the trailing newline.
func (j *jsonWriter) encode(v any) ([]byte, error) {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(bytes.Clone(j.buf.Bytes()), []byte("\n")), nil
}

func (j *jsonWriter) Row(vals []any) error {
	switch {
	case j.lines:
	case j.rows == 0:
		j.w.WriteString("[\n")
	default:
		j.w.WriteString(",\n")
	}
	j.rows++
	j.w.WriteByte('{')
	for i, v := range vals {
		if i > 0 {
			j.w.WriteByte(',')
		}
		j.w.Write(j.keys[i])
		if err := j.value(v); err != nil {
			return err
		}
	}
	j.w.WriteByte('}')
	if j.lines {
		j.w.WriteByte('\n')
	}
	// bufio.Writer keeps the first write error and returns it from every
	// later call; checking one call per row is enough.
	_, err := j.w.Write(nil)
	return err
}

func (j *jsonWriter) value(v any) error {
	switch v := v.(type) {
	case nil:
		j.w.WriteString("null")
	case int64:
		j.w.WriteString(strconv.FormatInt(v, 10))
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			if j.note != nil && !j.noted {
				j.noted = true
				j.note(fmt.Sprintf("%s: JSON has no infinity or NaN: written as null", j.format))
			}
			j.w.WriteString("null")
			return nil
		}
		j.w.WriteString(formatFloat(v))
	case bool:
		j.w.WriteString(strconv.FormatBool(v))
	case []byte:
		if utf8.Valid(v) {
			return j.value(string(v))
		}
		return j.value(base64.StdEncoding.EncodeToString(v))
	case time.Time:
		return j.value(v.Format(time.RFC3339Nano))
	default:
		b, err := j.encode(v)
		if err != nil {
			return err
		}
		j.w.Write(b)
	}
	return nil
}

func (j *jsonWriter) Flush() error {
	if !j.lines {
		if j.rows == 0 {
			j.w.WriteString("[]\n")
		} else {
			j.w.WriteString("\n]\n")
		}
	}
	return j.w.Flush()
}
