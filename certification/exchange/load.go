package exchange

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"certdesk/certification"
)

// Import reads a document from r, checks it completely (Decode, then
// Check) and loads it into st, which must be empty (else the error wraps
// ErrNotEmpty). A refused document returns an *Error and writes nothing.
//
// The records are written in kind order (certification.Kinds) and id
// order, in chunks of transactions (one journal entry each, command
// "import", recorded as actor; an evidence file's content in the same
// transaction as its record); each kind's id counter is advanced past
// the imported ids, and every certification's obligations are computed
// and stored. If a write fails, what was written is deleted again so that
// the store is empty, and the error says so (evidence content already
// stored stays, unnamed by any record: a blob is never deleted).
func Import(ctx context.Context, st certification.Store, r io.Reader, actor certification.Actor) (Counts, error) {
	return importChecked(ctx, st, r, actor, nil)
}

// importChecked is Import with a further check of the decoded bundle
// (nil: none) after Check (ImportOn, future.go).
func importChecked(ctx context.Context, st certification.Store, r io.Reader, actor certification.Actor, more func(*Bundle) error) (Counts, error) {
	if err := requireEmpty(ctx, st); err != nil {
		return Counts{}, err
	}
	data, err := readLimited(r) // limits.go
	if err != nil {
		return Counts{}, err
	}
	b, err := Decode(data)
	data = nil // the records are decoded: let the text go
	if err != nil {
		return Counts{}, err
	}
	if err := Check(b); err != nil {
		return Counts{}, err
	}
	if more != nil {
		if err := more(b); err != nil {
			return Counts{}, err
		}
	}
	return Load(ctx, st, b, actor, "import")
}

// Load writes a bundle that Check accepted into an empty store, as Import
// does, recording each chunk under command.
func Load(ctx context.Context, st certification.Store, b *Bundle, actor certification.Actor, command string) (Counts, error) {
	if err := requireEmpty(ctx, st); err != nil {
		return Counts{}, err
	}
	w := newWriter(st, actor, command)
	err := func() error {
		if b.Policy != nil {
			p := *b.Policy
			if err := w.add(ctx, &p); err != nil {
				return err
			}
		}
		if err := addAll(ctx, w, b.Standards); err != nil {
			return err
		}
		// Identity keys are not imported: every key is set by an entry of
		// this journal (certification/identity.go), so the body's
		// administrators set them again, the first one their own.
		people := slices.Clone(b.People)
		for i := range people {
			people[i].Keys = nil
		}
		if err := addAll(ctx, w, people); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Clients); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Certifications); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Audits); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Findings); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Certificates); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Decisions); err != nil {
			return err
		}
		if err := addAll(ctx, w, b.Cases); err != nil {
			return err
		}
		evidence := slices.Clone(b.Evidence)
		slices.SortStableFunc(evidence, func(a, b EvidenceFile) int { return cmp.Compare(a.ID, b.ID) })
		for i := range evidence {
			if err := w.addContent(ctx, &evidence[i].Evidence, evidence[i].Content); err != nil {
				return err
			}
		}
		policy := certification.DefaultPolicy()
		if b.Policy != nil {
			policy = *b.Policy
		}
		files := Files(b)
		certIDs := make([]certification.ID, 0, len(files))
		for id := range files {
			certIDs = append(certIDs, id)
		}
		slices.Sort(certIDs)
		for _, id := range certIDs {
			f := files[id]
			set := &certification.ObligationSet{CertificationID: id, ClientID: f.Certification.ClientID, Items: certification.Obligations(f, policy)}
			if err := w.add(ctx, set); err != nil {
				return err
			}
		}
		return w.flush(ctx)
	}()
	if err != nil {
		return Counts{}, w.rollback(ctx, err)
	}
	return w.counts, nil
}

// recordPtr constrains T so that *T is a record.
type recordPtr[T any] interface {
	*T
	certification.Record
}

func addAll[T any, P recordPtr[T]](ctx context.Context, w *writer, recs []T) error {
	sorted := slices.Clone(recs)
	slices.SortStableFunc(sorted, func(a, b T) int { return cmp.Compare(P(&a).RecordID(), P(&b).RecordID()) })
	for i := range sorted {
		if err := w.add(ctx, P(&sorted[i])); err != nil {
			return err
		}
	}
	return nil
}

var makers = map[certification.Kind]func() certification.Record{
	certification.KindPolicy:      func() certification.Record { return new(certification.Policy) },
	certification.KindObligations: func() certification.Record { return new(certification.ObligationSet) },
	certification.KindRefresh:     func() certification.Record { return new(certification.Refresh) },
}

func init() {
	for _, s := range sections {
		makers[s.kind] = s.make
	}
}

// Chunk limits: Badger commits about a megabyte per transaction with
// CertDesk's memtable size; stay well below it.
const (
	chunkBytes   = 384 << 10
	chunkEntries = 4000
)

type ref struct {
	kind certification.Kind
	id   certification.ID
}

// writer writes records in chunks of transactions and remembers what it
// wrote so that it can take it back.
type writer struct {
	st      certification.Store
	actor   certification.Actor
	command string

	chunk   []certification.Record
	content map[int][]byte // evidence content by its record's index in chunk
	bytes   int
	entries int
	counter map[certification.Kind]certification.ID // ids handed out so far (as far as we know)
	issued  map[certification.Kind]certification.ID // ids the store has handed out for written chunks
	written []ref
	counts  Counts
	added   int

	progress func(written int)
}

func newWriter(st certification.Store, actor certification.Actor, command string) *writer {
	return &writer{st: st, actor: actor, command: command, counter: map[certification.Kind]certification.ID{},
		issued: map[certification.Kind]certification.ID{}}
}

// counted reports whether a kind's ids come from Tx.NextID.
func counted(k certification.Kind) bool {
	return k != certification.KindPolicy && k != certification.KindObligations && k != certification.KindRefresh
}

func (w *writer) add(ctx context.Context, r certification.Record) error {
	return w.put(ctx, r, nil, false)
}

// addContent adds evidence record e and its content, which the chunk's
// transaction stores (Tx.PutBlob) before the record.
func (w *writer) addContent(ctx context.Context, e *certification.Evidence, content []byte) error {
	return w.put(ctx, e, content, true)
}

func (w *writer) put(ctx context.Context, r certification.Record, content []byte, blob bool) error {
	if _, ok := r.(*EvidenceFile); ok {
		return fmt.Errorf("exchange: an EvidenceFile is written as its Evidence and its content, not as a record")
	}
	if w.added%512 == 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	w.added++
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	size := len(data) + 64 + len(content)
	entries := 1
	if blob {
		entries += 1 + len(content)>>20 // the store's chunks of the content
	}
	if ix, ok := r.(certification.Indexed); ok {
		for _, t := range ix.IndexTerms() {
			entries++
			size += len(t.Index) + len(t.Value) + 24
		}
	}
	if k := r.RecordKind(); counted(k) {
		steps := max(1, int(r.RecordID())-int(w.counter[k]))
		entries += steps
		size += steps * 24
		w.counter[k] = max(w.counter[k], r.RecordID())
	}
	if len(w.chunk) > 0 && (w.bytes+size > chunkBytes || w.entries+entries > chunkEntries) {
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	if blob {
		if w.content == nil {
			w.content = map[int][]byte{}
		}
		w.content[len(w.chunk)] = content
	}
	w.chunk = append(w.chunk, r)
	w.bytes += size
	w.entries += entries
	return nil
}

func (w *writer) flush(ctx context.Context) error {
	if len(w.chunk) == 0 {
		return nil
	}
	recs, contents := w.chunk, w.content
	entry := certification.JournalEntry{Actor: w.actor, Command: w.command,
		Summary: fmt.Sprintf("%s part %d: %s", w.command, w.counts.Chunks+1, describeChunk(recs))}
	err := w.st.Update(ctx, entry, func(tx certification.Tx) error {
		for i, r := range recs {
			kind, id := r.RecordKind(), r.RecordID()
			if content, ok := contents[i]; ok {
				if err := putContent(tx, r, content); err != nil {
					return err
				}
			}
			if counted(kind) && id > w.issued[kind] {
				for {
					n, err := tx.NextID(kind)
					if err != nil {
						return err
					}
					if n >= id {
						break
					}
				}
			}
			if err := tx.Put(r); err != nil {
				return fmt.Errorf("writing %s %d: %w", kind, id, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range recs {
		if k := r.RecordKind(); counted(k) {
			w.issued[k] = max(w.issued[k], r.RecordID())
		}
		w.written = append(w.written, ref{r.RecordKind(), r.RecordID()})
		w.counts.add(r.RecordKind())
	}
	w.counts.Chunks++
	w.chunk, w.content, w.bytes, w.entries = nil, nil, 0, 0
	if w.progress != nil {
		w.progress(len(w.written))
	}
	return nil
}

// putContent stores the content of evidence record r, which must be
// filed under the SHA-256 the record names.
func putContent(tx certification.Tx, r certification.Record, content []byte) error {
	e, ok := r.(*certification.Evidence)
	if !ok {
		return fmt.Errorf("exchange: content given with %s %d, not with evidence", r.RecordKind(), r.RecordID())
	}
	hash, err := tx.PutBlob(content)
	if err != nil {
		return fmt.Errorf("storing the content of evidence %d (%s): %w", e.ID, e.FileName, err)
	}
	if hash != e.SHA256 {
		return fmt.Errorf("the content of evidence %d (%s) has SHA-256 %s, not the record's %s", e.ID, e.FileName, hash, e.SHA256)
	}
	return nil
}

// describeChunk summarises a chunk for its journal entry: "audits 1–400, findings 1–120".
func describeChunk(recs []certification.Record) string {
	var parts []string
	for i := 0; i < len(recs); {
		j := i
		for j+1 < len(recs) && recs[j+1].RecordKind() == recs[i].RecordKind() {
			j++
		}
		k := recs[i].RecordKind()
		if recs[i].RecordID() == recs[j].RecordID() {
			parts = append(parts, fmt.Sprintf("%s %d", k, recs[i].RecordID()))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d–%d", k, recs[i].RecordID(), recs[j].RecordID()))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// rollback deletes what the writer wrote, newest first, and explains
// cause with the outcome.
func (w *writer) rollback(ctx context.Context, cause error) error {
	if len(w.written) == 0 {
		return cause
	}
	ctx = context.WithoutCancel(ctx)
	n := len(w.written)
	var err error
	for end := len(w.written); end > 0 && err == nil; {
		start := max(0, end-500)
		part := w.written[start:end]
		entry := certification.JournalEntry{Actor: w.actor, Command: w.command + "-rollback",
			Summary: fmt.Sprintf("%s failed: removing %d of the %d records written", w.command, len(part), n)}
		err = w.st.Update(ctx, entry, func(tx certification.Tx) error {
			for i := len(part) - 1; i >= 0; i-- {
				if err := tx.Delete(part[i].kind, part[i].id); err != nil && !errors.Is(err, certification.ErrNotFound) {
					return fmt.Errorf("deleting %s %d: %w", part[i].kind, part[i].id, err)
				}
			}
			return nil
		})
		if err == nil {
			w.written = w.written[:start]
			end = start
		}
	}
	if err != nil {
		return fmt.Errorf("%w; removing the %d records already written failed too (%v): %d records remain, so the data folder is not empty — delete the folder before trying again", cause, n, err, len(w.written))
	}
	return fmt.Errorf("%w; the %d records already written were removed again, so the data folder is empty (the journal keeps a note of the attempt)", cause, n)
}
