package storage

import (
	"sync"

	"certdesk/certification"
	"certdesk/certification/clone"
)

// keptFiles keeps certification files for a desk catching up
// (certification.FileKeeper): a kept file is the one LoadFile would read
// in the batch's transaction. It outlives a batch only when nothing else
// was committed between that batch's start and the next one's: the
// batch's commit must be the one Badger commit after its read timestamp
// (committed), and the next batch must read at that commit (begin).
// Anything else, a batch discarded included, empties it.
type keptFiles struct {
	mu    sync.Mutex
	at    uint64 // the read timestamp the files are good at; 0: none yet
	files map[certification.ID]*certification.File
}

// keptLimit bounds how many files are kept: a body's catch-up works on
// the files of its open audits, a few hundred at most.
const keptLimit = 512

// keptFiles is c's kept files; a nil Decoded keeps none (a throwaway).
func (c *Decoded) keptFiles() *keptFiles {
	if c == nil {
		return &keptFiles{}
	}
	return &c.files
}

// begin starts a batch that reads at readTs.
func (k *keptFiles) begin(readTs uint64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.at != readTs {
		clear(k.files)
	}
	k.at = 0 // until committed: the files change with the batch
}

// committed ends a batch that read at readTs and committed; after is a
// read timestamp taken once it had.
func (k *keptFiles) committed(readTs, after uint64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if after != readTs+1 {
		clear(k.files)
		return
	}
	k.at = after
}

// reset forgets every file: the batch they were kept in was discarded.
func (k *keptFiles) reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.files)
	k.at = 0
}

func (k *keptFiles) take(id certification.ID) (*certification.File, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	f, ok := k.files[id]
	delete(k.files, id)
	return f, ok
}

func (k *keptFiles) keep(f *certification.File) {
	c, ok := copyFile(f)
	if !ok {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.files == nil || len(k.files) >= keptLimit {
		k.files = map[certification.ID]*certification.File{}
	}
	k.files[f.Certification.ID] = c
}

// touched drops the files that writing or deleting the record of kind
// and id (now r, nil if deleted) can change.
func (k *keptFiles) touched(kind certification.Kind, id certification.ID, r certification.Record) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for cert, f := range k.files {
		if f.Touched(kind, id, r) {
			delete(k.files, cert)
		}
	}
}

// copyFile is a deep copy of f's records; ok is false when one of them
// cannot be copied (see clone.Of).
func copyFile(f *certification.File) (c *certification.File, ok bool) {
	c = &certification.File{}
	ok = clone.Into(&c.Client, &f.Client) &&
		clone.Into(&c.Certification, &f.Certification) &&
		clone.Into(&c.Audits, &f.Audits) &&
		clone.Into(&c.Findings, &f.Findings) &&
		clone.Into(&c.Decisions, &f.Decisions) &&
		clone.Into(&c.Certificates, &f.Certificates)
	return c, ok
}

// TakeFile implements certification.FileKeeper for a desk's batches;
// elsewhere nothing is kept.
func (t *tx) TakeFile(id certification.ID) (*certification.File, bool) {
	if t.decoded == nil {
		return nil, false
	}
	return t.decoded.files.take(id)
}

// KeepFile implements certification.FileKeeper (see TakeFile).
func (t *tx) KeepFile(f *certification.File) {
	if t.decoded != nil && t.writable {
		t.decoded.files.keep(f)
	}
}

// touched tells the batch's kept files that a record was written.
func (t *tx) touched(kind certification.Kind, id certification.ID, r certification.Record) {
	if t.decoded != nil {
		t.decoded.files.touched(kind, id, r)
	}
}
