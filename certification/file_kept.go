package certification

// FileKeeper is a Tx that keeps certification files from one command to
// the next: a desk catching up with the body's journal runs thousands of
// commands on the same few files, and reading a file whole (every
// finding of the certification) was most of each command's time. A kept
// file is the file LoadFile would read in the Tx; the keeper drops it
// when a record it holds, or a record that joins it, is written or
// deleted (File.Touched). storage implements it for a desk's batches.
type FileKeeper interface {
	// TakeFile hands over the file kept for a certification, if there
	// is one: the caller owns it, and it is no longer kept.
	TakeFile(certificationID ID) (*File, bool)
	// KeepFile keeps a copy of f, which must be the file LoadFile would
	// read now.
	KeepFile(f *File)
}

// keeperOf is tx's FileKeeper, seen through the service's wrappers, or
// nil.
func keeperOf(tx Tx) FileKeeper {
	switch t := tx.(type) {
	case FileKeeper:
		return t
	case guardedTx:
		return keeperOf(t.Tx)
	}
	return nil
}

// keepFile keeps f, brought up to date, in tx's keeper (if it has one).
func keepFile(tx Tx, f *File) {
	if k := keeperOf(tx); k != nil && f.whole == nil {
		k.KeepFile(f)
	}
}

// Touched reports whether writing or deleting the record of kind and id,
// now r (nil when deleted), can change the file LoadFile reads for f's
// certification: it is one of f's records, or it files itself under f's
// certification.
func (f *File) Touched(kind Kind, id ID, r Record) bool {
	switch kind {
	case KindCertification:
		return id == f.Certification.ID
	case KindClient:
		return id == f.Client.ID
	case KindAudit:
		return holds(f.Audits, id, (*Audit).RecordID) || joins(f, r)
	case KindFinding:
		return holds(f.Findings, id, (*Finding).RecordID) || joins(f, r)
	case KindDecision:
		return holds(f.Decisions, id, (*Decision).RecordID) || joins(f, r)
	case KindCertificate:
		return holds(f.Certificates, id, (*Certificate).RecordID) || joins(f, r)
	}
	return false
}

// holds reports whether records has the one with id.
func holds[T any](records []T, id ID, idOf func(*T) ID) bool {
	for i := range records {
		if idOf(&records[i]) == id {
			return true
		}
	}
	return false
}

// joins reports whether r, a record of one of a file's kinds, files
// itself under f's certification; a record of an unexpected type is
// taken to join (the keeper then drops f, which is always safe).
func joins(f *File, r Record) bool {
	var cert ID
	switch r := r.(type) {
	case nil:
		return false
	case *Audit:
		cert = r.CertificationID
	case *Finding:
		cert = r.CertificationID
	case *Decision:
		cert = r.CertificationID
	case *Certificate:
		cert = r.CertificationID
	default:
		return true
	}
	return cert == f.Certification.ID
}
