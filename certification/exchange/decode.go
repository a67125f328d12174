package exchange

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"certdesk/certification"
)

// problems collects up to MaxProblems problems.
type problems struct {
	list []Problem
	more bool
}

func (ps *problems) add(p Problem) {
	if len(ps.list) >= MaxProblems {
		ps.more = true
		return
	}
	ps.list = append(ps.list, p)
}

func (ps *problems) full() bool { return len(ps.list) >= MaxProblems }

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &Error{Problems: ps.list, More: ps.more}
}

// Decode reads a document strictly: unknown fields, a format other than
// "certdesk", a version other than 1, values of the wrong type, invalid
// dates and data after the document are refused, each problem naming the
// record and field. It does not check the records' content (see Check).
func Decode(data []byte) (*Bundle, error) {
	var ps problems
	b := decode(data, &ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return b, nil
}

var topFields = []string{"format", "version", "exported", "policy", "standards", "people", "clients", "certifications", "audits", "findings", "certificates", "decisions", "cases", "evidence"}

func decode(data []byte, ps *problems) *Bundle {
	file := func(field, format string, args ...any) {
		ps.add(Problem{Record: "file", Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		file("", "not a CertDesk interchange document: %s", jsonMessage(err))
		return nil
	}
	if top == nil {
		file("", "not a CertDesk interchange document: the file holds null, not an object")
		return nil
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		file("", "there is more data after the document's closing brace (offset %d): the file must hold exactly one JSON object", dec.InputOffset())
	}
	var unknown []string
	for k := range top {
		if !slices.Contains(topFields, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		file(k, "unknown field: a version %d document has only %s", Version, strings.Join(topFields, ", "))
	}

	b := &Bundle{}
	if raw, ok := top["format"]; !ok {
		file("format", "missing: a CertDesk document starts with \"format\": %q", Format)
	} else if err := json.Unmarshal(raw, &b.Format); err != nil || b.Format != Format {
		file("format", "is %s, want %q: this is not a CertDesk interchange document", raw, Format)
	}
	if raw, ok := top["version"]; !ok {
		file("version", "missing: this CertDesk reads version %d", Version)
	} else if err := json.Unmarshal(raw, &b.Version); err != nil {
		file("version", "is %s, want the whole number %d", raw, Version)
	} else if b.Version > Version {
		file("version", "is %d: the file was written by a newer CertDesk; this one reads version %d: update CertDesk to import it", b.Version, Version)
	} else if b.Version != Version {
		file("version", "is %d: this CertDesk reads version %d only", b.Version, Version)
	}
	if len(ps.list) > 0 {
		// Not a document this code understands: the rest would only add noise.
		return nil
	}
	if raw, ok := top["exported"]; ok {
		if err := json.Unmarshal(raw, &b.Exported); err != nil {
			file("exported", "must be text (it is ignored on import)")
		}
	}
	if raw, ok := top["policy"]; ok && !isNull(raw) {
		var p certification.Policy
		if path, bad := badUTF8(raw); bad {
			ps.add(Problem{Record: "policy", Field: path, Msg: badUTF8Msg})
		} else if path, msg := decodeStrict(raw, &p); msg != "" {
			ps.add(Problem{Record: "policy", Field: path, Msg: msg})
		} else if path, n := longText(&p); n > 0 {
			ps.add(Problem{Record: "policy", Field: path, Msg: tooLongMsg(n)})
		} else {
			b.Policy = &p
		}
	}
	b.Standards = decodeList[certification.BodyStandard](top, "standards", ps)
	b.People = decodeList[certification.Person](top, "people", ps)
	b.Clients = decodeList[certification.Client](top, "clients", ps)
	b.Certifications = decodeList[certification.Certification](top, "certifications", ps)
	b.Audits = decodeList[certification.Audit](top, "audits", ps)
	b.Findings = decodeList[certification.Finding](top, "findings", ps)
	b.Certificates = decodeList[certification.Certificate](top, "certificates", ps)
	b.Decisions = decodeList[certification.Decision](top, "decisions", ps)
	b.Cases = decodeList[certification.Case](top, "cases", ps)
	b.Evidence = decodeList[EvidenceFile](top, "evidence", ps)
	if len(ps.list) == 0 && !ps.more {
		// Bad bytes outside the records (in "exported", say) or in a key.
		if off := firstBadOffset(data); off >= 0 {
			file("", "%s (the first bad byte is at offset %d)", badUTF8Msg, off)
		}
	}
	return b
}

const badUTF8Msg = "holds bytes that are not UTF-8 text: save the file as UTF-8"

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// decodeList decodes one array of the document, element by element, so
// that a problem names its element.
func decodeList[T any](top map[string]json.RawMessage, name string, ps *problems) []T {
	raw, ok := top[name]
	if !ok || isNull(raw) {
		return nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		ps.add(Problem{Record: "file", Field: name, Msg: "must be a list of records: " + jsonMessage(err)})
		return nil
	}
	delete(top, name) // let the raw text go: large files are decoded list by list
	out := make([]T, len(elems))
	for i, e := range elems {
		if path, bad := badUTF8(e); bad {
			ps.add(Problem{Record: elemName(name, i, e), Field: path, Msg: badUTF8Msg})
			continue
		}
		if path, msg := decodeStrict(e, &out[i]); msg != "" {
			ps.add(Problem{Record: elemName(name, i, e), Field: path, Msg: msg})
		} else if path, n := longText(&out[i]); n > 0 {
			ps.add(Problem{Record: elemName(name, i, e), Field: path, Msg: tooLongMsg(n)})
		}
	}
	return out
}

// elemName names element i of a list, with its id when it can be read.
func elemName(list string, i int, raw json.RawMessage) string {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	name := fmt.Sprintf("%s[%d]", list, i)
	if json.Unmarshal(raw, &probe) == nil && len(probe.ID) > 0 {
		if v, err := strconv.ParseUint(string(probe.ID), 10, 64); err == nil {
			name += fmt.Sprintf(" (id %d)", v)
		}
	}
	return name
}

// decodeStrict decodes one record, refusing unknown fields. On failure it
// returns the path of the offending field within the record and a message.
func decodeStrict(raw json.RawMessage, dst any) (path, msg string) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		return "", ""
	}
	if path, msg := locate(raw, reflect.TypeOf(dst).Elem()); msg != "" {
		return path, msg
	}
	return "", jsonMessage(err)
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

// locate finds the first field of raw (in key order) that does not decode
// into type t and says why.
func locate(raw json.RawMessage, t reflect.Type) (path, msg string) {
	if isNull(raw) {
		return "", ""
	}
	pt := reflect.PointerTo(t)
	custom := pt.Implements(textUnmarshaler) || pt.Implements(jsonUnmarshaler)
	switch {
	case t.Kind() == reflect.Pointer:
		return locate(raw, t.Elem())
	case t.Kind() == reflect.Struct && !custom:
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return "", "must be an object, not " + kindOf(raw)
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			f, ok := fields[k]
			if !ok {
				return k, "unknown field"
			}
			if p, msg := locate(m[k], f.Type); msg != "" {
				return join(k, p), msg
			}
		}
		return "", ""
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 && !custom:
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return "", "must be a list, not " + kindOf(raw)
		}
		for i, e := range elems {
			if p, msg := locate(e, t.Elem()); msg != "" {
				return join(fmt.Sprintf("[%d]", i), p), msg
			}
		}
		return "", ""
	case t.Kind() == reflect.Map && !custom:
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return "", "must be an object, not " + kindOf(raw)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, msg := locate(m[k], t.Elem()); msg != "" {
				return join(k, p), msg
			}
		}
		return "", ""
	}
	v := reflect.New(t)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v.Interface()); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return "", fmt.Sprintf("must be %s, not %s", describe(t), kindOf(raw))
		}
		return "", jsonMessage(err)
	}
	return "", ""
}

func join(a, b string) string {
	switch {
	case b == "":
		return a
	case strings.HasPrefix(b, "["):
		return a + b
	}
	return a + "." + b
}

// jsonFields maps the JSON names of a struct's fields to the fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

func kindOf(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 {
		return "nothing"
	}
	switch s[0] {
	case '"':
		return "the text " + string(s)
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true/false"
	case 'n':
		return "null"
	}
	return "the number " + string(s)
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number from 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.String()
}

// jsonMessage makes encoding/json's messages readable.
func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
