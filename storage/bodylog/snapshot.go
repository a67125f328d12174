package bodylog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/nats-io/nats.go/jetstream"
)

// A snapshot is a desk's whole data folder (a CertDesk backup file) as
// of an entry of the body's journal, kept in a JetStream object store
// beside the stream: a new desk starts from the latest one and applies
// only the entries after it. A snapshot proves nothing by itself: the
// desk that restores it checks that its journal's last entry is the
// body's entry at that sequence, with the same hash.

// Snapshots is the object store bucket of the body's snapshots.
const Snapshots = "CERTDESK_SNAPSHOTS"

// Snapshot names one snapshot: the stream's sequence it was taken at (0
// for the body's start, a folder turned into the body), the hash of the
// desk journal's last entry, and its size.
type Snapshot struct {
	Name string
	Seq  uint64
	Hash string
	Size uint64
}

const (
	metaSnapSeq  = "certdesk_seq"
	metaSnapHash = "certdesk_hash"
)

func (l *Log) snapshots(ctx context.Context) (jetstream.ObjectStore, error) {
	obs, err := l.js.ObjectStore(ctx, Snapshots)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		obs, err = l.js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{
			Bucket:      Snapshots,
			Description: "Snapshots of the body: backups of a desk's data folder as of an entry of the journal",
			Storage:     jetstream.FileStorage,
			Replicas:    l.replicas,
		})
	}
	if err != nil {
		return nil, fmt.Errorf("the body's snapshots: %w", err)
	}
	return obs, nil
}

// PutSnapshot stores the backup read from r as the snapshot at stream
// sequence seq, whose journal ends with an entry of hash hash.
func (l *Log) PutSnapshot(ctx context.Context, seq uint64, hash string, r io.Reader) (Snapshot, error) {
	obs, err := l.snapshots(ctx)
	if err != nil {
		return Snapshot{}, err
	}
	name := fmt.Sprintf("snapshot-%020d", seq)
	if info, err := obs.GetInfo(ctx, name); err == nil {
		// Already stored at this entry (the same journal, so the same
		// records): a snapshot is never replaced (desks may not purge).
		return Snapshot{Name: name, Seq: seq, Hash: info.Metadata[metaSnapHash], Size: info.Size}, nil
	}
	info, err := obs.Put(ctx, jetstream.ObjectMeta{
		Name:     name,
		Metadata: map[string]string{metaSnapSeq: strconv.FormatUint(seq, 10), metaSnapHash: hash},
	}, r)
	if err != nil {
		return Snapshot{}, fmt.Errorf("storing the snapshot at entry %d: %w", seq, err)
	}
	return Snapshot{Name: name, Seq: seq, Hash: hash, Size: info.Size}, nil
}

// LatestSnapshot is the snapshot taken at the highest sequence; found is
// false when the body has none.
func (l *Log) LatestSnapshot(ctx context.Context) (s Snapshot, found bool, err error) {
	obs, err := l.snapshots(ctx)
	if err != nil {
		return s, false, err
	}
	list, err := obs.List(ctx)
	if errors.Is(err, jetstream.ErrNoObjectsFound) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("listing the body's snapshots: %w", err)
	}
	for _, info := range list {
		seq, err := strconv.ParseUint(info.Metadata[metaSnapSeq], 10, 64)
		if err != nil || info.Metadata[metaSnapHash] == "" {
			continue // not one of ours
		}
		if !found || seq > s.Seq {
			s, found = Snapshot{Name: info.Name, Seq: seq, Hash: info.Metadata[metaSnapHash], Size: info.Size}, true
		}
	}
	return s, found, nil
}

// GetSnapshot writes snapshot s's content to w; the object store checks
// its digest as it reads.
func (l *Log) GetSnapshot(ctx context.Context, s Snapshot, w io.Writer) error {
	obs, err := l.snapshots(ctx)
	if err != nil {
		return err
	}
	r, err := obs.Get(ctx, s.Name)
	if err != nil {
		return fmt.Errorf("reading the snapshot at entry %d: %w", s.Seq, err)
	}
	defer r.Close()
	if _, err := io.Copy(w, r); err != nil {
		return fmt.Errorf("reading the snapshot at entry %d: %w", s.Seq, err)
	}
	return nil
}
