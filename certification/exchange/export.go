package exchange

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"certdesk/certification"
)

// section is one array of the document and the record kind it holds.
type section struct {
	name string
	kind certification.Kind
	make func() certification.Record
}

var sections = []section{
	{"standards", certification.KindStandard, func() certification.Record { return new(certification.BodyStandard) }},
	{"people", certification.KindPerson, func() certification.Record { return new(certification.Person) }},
	{"clients", certification.KindClient, func() certification.Record { return new(certification.Client) }},
	{"certifications", certification.KindCertification, func() certification.Record { return new(certification.Certification) }},
	{"audits", certification.KindAudit, func() certification.Record { return new(certification.Audit) }},
	{"findings", certification.KindFinding, func() certification.Record { return new(certification.Finding) }},
	{"certificates", certification.KindCertificate, func() certification.Record { return new(certification.Certificate) }},
	{"decisions", certification.KindDecision, func() certification.Record { return new(certification.Decision) }},
	{"cases", certification.KindCase, func() certification.Record { return new(certification.Case) }},
}

// Export writes every record of the store as one document, from one
// consistent snapshot. The output is exactly what encoding/json gives for
// a Bundle indented by two spaces (HTML characters not escaped), followed
// by a newline; it is written record by record, so a large store does not
// have to fit in memory (evidence files one at a time). The policy in
// force is written (the defaults if none was ever set) without its
// images (the logo and accreditation mark); obligations and the journal
// are not.
func Export(ctx context.Context, st certification.Store, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	err := st.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		// The logo and accreditation mark stay in the data folder: the
		// file names no image it does not carry (docs/format.md).
		p.LogoSHA256, p.AccreditationMarkSHA256 = "", ""
		pol, err := encode(&p, "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"policy\": %s", Format, Version, pol)
		for _, s := range sections {
			err := writeSection(ctx, bw, s.name, func(emit func(any) error) error {
				return tx.Each(s.kind, func(id certification.ID, decode func(certification.Record) error) error {
					r := s.make()
					if err := decode(r); err != nil {
						return err
					}
					return emit(r)
				})
			})
			if err != nil {
				return err
			}
		}
		if err := writeSection(ctx, bw, "evidence", func(emit func(any) error) error {
			return eachEvidenceFile(tx, func(ef *EvidenceFile) error { return emit(ef) }) // evidence.go
		}); err != nil {
			return err
		}
		_, err = bw.WriteString("\n}\n")
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeSection writes one array of the document: each element that each
// emits, at the document's indentation.
func writeSection(ctx context.Context, bw *bufio.Writer, name string, each func(emit func(any) error) error) error {
	fmt.Fprintf(bw, ",\n  %q: [", name)
	n := 0
	err := each(func(v any) error {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		b, err := encode(v, "    ")
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
		n++
		return nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	_, err = bw.WriteString("]")
	return err
}

// encode marshals v as it appears nested in the document at the given
// indentation: lines after the first start with prefix.
func encode(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Marshal returns the document for a bundle exactly as Export writes it.
func Marshal(b *Bundle) ([]byte, error) {
	c := *b
	c.Format, c.Version = Format, Version
	if c.Policy == nil {
		p := certification.DefaultPolicy()
		c.Policy = &p
	}
	nonNil(&c.Standards)
	nonNil(&c.People)
	nonNil(&c.Clients)
	nonNil(&c.Certifications)
	nonNil(&c.Audits)
	nonNil(&c.Findings)
	nonNil(&c.Certificates)
	nonNil(&c.Decisions)
	nonNil(&c.Cases)
	nonNil(&c.Evidence)
	for i := range c.Evidence {
		nonNil(&c.Evidence[i].Content) // an empty file is "", not null
	}
	out, err := encode(&c, "")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}
