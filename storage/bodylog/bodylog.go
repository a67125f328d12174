// Package bodylog is a desk's connection to the body's journal: one NATS
// JetStream stream holding one entry per committed command, in one total
// order (docs/sync.md). A desk appends only on top of the head it has
// applied (JetStream's expected-last-sequence header, optimistic
// concurrency); when another desk got there first the append is refused
// with ErrMoved and the desk catches up and proposes again.
//
// It is the only package that imports nats.go. It knows nothing of the
// domain: an entry is bytes; what they say (the command, its signature)
// is the desk's business. Any JetStream deployment serves: the embedded
// office (storage/office), a cluster, a managed service.
package bodylog

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The stream and the one subject its entries are published on.
const (
	Stream  = "CERTDESK_JOURNAL"
	Subject = "certdesk.journal"
)

// ErrMoved is returned (wrapped in *MovedError) when the stream's head is
// no longer the one an append expected: another desk appended first.
var ErrMoved = errors.New("the body's journal has moved on")

// MovedError says which head an append expected.
type MovedError struct{ Expected uint64 }

func (e *MovedError) Error() string {
	return fmt.Sprintf("%v: the append expected entry %d to be the last", ErrMoved, e.Expected)
}
func (e *MovedError) Unwrap() error { return ErrMoved }

// Log is a desk's handle on the body's journal.
type Log struct {
	url      string // as given to Open, for messages
	nc       *nats.Conn
	js       jetstream.JetStream
	replicas int
	known    *Base // the base the desk knew when it opened offline

	mu     sync.Mutex
	stream jetstream.Stream // nil until bound (an offline start binds later)
}

// Config says how the stream is made when a body starts it.
type Config struct {
	// Replicas is how many servers keep each entry (1, or 3 in a
	// three-server cluster); 0 means 1.
	Replicas int
	// CAFile is the office's CA certificate (TLS, trusted instead of the
	// system's roots) and CredsFile the desk's credentials (the NKey seed
	// its enrolment made); both empty for an office on loopback without
	// TLS.
	CAFile, CredsFile string
	// Base is where a body that began from an existing data folder
	// begins (office init --from): that folder's journal head. Entry n of
	// the stream is then entry Base.Seq+n of every desk's journal. It is
	// set when the stream is made and never changed; zero for a body
	// that began empty.
	Base Base
	// Known is the body's base as this desk already knows it (a desk
	// that was joined before): with it, Open succeeds while the office
	// cannot be reached, and the Log binds to the stream once it can.
	Known *Base
}

// Base is a journal entry, by sequence number and hash, on which the
// body's stream begins.
type Base struct {
	Seq  uint64
	Hash string
}

// Open connects to the office at url and binds to the journal stream,
// creating it (with cfg) when the body has none yet. The stream keeps
// every entry forever and refuses deletion and purging: the journal is
// the body's record.
func Open(ctx context.Context, url string, cfg Config, opts ...nats.Option) (*Log, error) {
	base := []nats.Option{nats.Name("certdesk desk"), nats.MaxReconnects(-1)}
	if cfg.CAFile != "" {
		base = append(base, nats.RootCAs(cfg.CAFile))
	}
	if cfg.CredsFile != "" {
		o, err := nats.NkeyOptionFromSeed(cfg.CredsFile)
		if err != nil {
			return nil, fmt.Errorf("the desk's credentials %s: %w", cfg.CredsFile, err)
		}
		base = append(base, o)
	}
	if cfg.Known != nil {
		base = append(base, nats.RetryOnFailedConnect(true))
	}
	nc, err := nats.Connect(url, append(base, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("connecting to the office at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	l := &Log{url: url, nc: nc, js: js, replicas: max(cfg.Replicas, 1), known: cfg.Known}
	// Bind to the body's stream; make it only when there is none, so
	// that a desk never rewrites the stream's settings (its base).
	if cfg.Known != nil && !nc.IsConnected() {
		return l, nil // offline: bound when the office is back
	}
	st, err := js.Stream(ctx, Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) && cfg.Known == nil {
		st, err = createStream(ctx, js, cfg)
	}
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("the body's journal stream on %s: %w", url, err)
	}
	l.stream = st
	return l, nil
}

// bound is the stream, bound to now if the Log opened offline.
func (l *Log) bound(ctx context.Context) (jetstream.Stream, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stream != nil {
		return l.stream, nil
	}
	st, err := l.js.Stream(ctx, Stream)
	if err != nil {
		return nil, err
	}
	l.stream = st
	return st, nil
}

// The stream's metadata keys that hold its Base.
const (
	metaBaseSeq  = "certdesk_base_seq"
	metaBaseHash = "certdesk_base_hash"
)

// createStream makes the body's stream.
func createStream(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	meta := map[string]string{}
	if cfg.Base.Seq > 0 {
		meta[metaBaseSeq], meta[metaBaseHash] = strconv.FormatUint(cfg.Base.Seq, 10), cfg.Base.Hash
	}
	replicas := max(cfg.Replicas, 1)
	return js.CreateStream(ctx, jetstream.StreamConfig{
		Metadata:    meta,
		Name:        Stream,
		Description: "The certification body's journal: one entry per committed command",
		Subjects:    []string{Subject},
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		Retention:   jetstream.LimitsPolicy,
		MaxMsgs:     -1,
		MaxBytes:    -1,
		MaxAge:      0,
		Discard:     jetstream.DiscardNew,
		DenyDelete:  true,
		DenyPurge:   true,
	})
}

// Base is where the body's stream begins (zero for a body that began
// empty).
func (l *Log) Base() (Base, error) {
	l.mu.Lock()
	st := l.stream
	l.mu.Unlock()
	if st == nil {
		return *l.known, nil
	}
	meta := st.CachedInfo().Config.Metadata
	if meta[metaBaseSeq] == "" {
		return Base{}, nil
	}
	seq, err := strconv.ParseUint(meta[metaBaseSeq], 10, 64)
	if err != nil || meta[metaBaseHash] == "" {
		return Base{}, fmt.Errorf("the body's stream names its base as %q %q: it was changed outside CertDesk", meta[metaBaseSeq], meta[metaBaseHash])
	}
	return Base{Seq: seq, Hash: meta[metaBaseHash]}, nil
}

// Close closes the connection.
func (l *Log) Close() { l.nc.Close() }

// Head is the sequence of the stream's last entry (0 when it is empty).
func (l *Log) Head(ctx context.Context) (uint64, error) {
	st, err := l.bound(ctx)
	if err != nil {
		return 0, err
	}
	info, err := st.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.LastSeq, nil
}

// Append adds data as the entry after expect (the head the desk has
// applied) and returns its sequence, expect+1. When another entry is
// already there it returns a *MovedError and nothing is appended. id, if
// not empty, lets the server drop a retried append of the same entry
// within its duplicate window; it is no substitute for ids in the entry.
func (l *Log) Append(ctx context.Context, expect uint64, id string, data []byte) (uint64, error) {
	opts := []jetstream.PublishOpt{jetstream.WithExpectLastSequence(expect), jetstream.WithExpectStream(Stream)}
	if id != "" {
		opts = append(opts, jetstream.WithMsgID(id))
	}
	ack, err := l.js.Publish(ctx, Subject, data, opts...)
	if err != nil {
		var api *jetstream.APIError
		if errors.As(err, &api) && (api.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
			api.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant) {
			return 0, &MovedError{Expected: expect}
		}
		return 0, fmt.Errorf("appending to the body's journal: %w", err)
	}
	return ack.Sequence, nil
}

// fetchBatch is how many entries one fetch asks for when reading.
const fetchBatch = 512

// Read calls fn with every entry from sequence from (1 for the whole
// journal) up to the head as it was when Read began, in order. It stops
// at fn's first error, or when ctx ends.
func (l *Log) Read(ctx context.Context, from uint64, fn func(seq uint64, data []byte) error) error {
	head, err := l.Head(ctx)
	if err != nil {
		return err
	}
	from = max(from, 1)
	if head < from {
		return nil
	}
	// A consumer of this read only, removed at its end (the server also
	// drops it after a minute unused, should the desk vanish mid-read):
	// left behind, readers pile up to the server's consumer limit.
	st, err := l.bound(ctx)
	if err != nil {
		return err
	}
	cons, err := st.CreateConsumer(ctx, jetstream.ConsumerConfig{
		DeliverPolicy:     jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:       from,
		AckPolicy:         jetstream.AckNonePolicy,
		InactiveThreshold: time.Minute,
		MemoryStorage:     true,
	})
	if err != nil {
		return fmt.Errorf("reading the body's journal: %w", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = st.DeleteConsumer(dctx, cons.CachedInfo().Name) // else it lapses after a minute
	}()
	next, unanswered := from, 0
	for next <= head {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch, err := cons.Fetch(int(min(head-next+1, fetchBatch)), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			return fmt.Errorf("reading the body's journal at entry %d: %w", next, err)
		}
		got := 0
		for m := range batch.Messages() {
			meta, err := m.Metadata()
			if err != nil {
				return err
			}
			seq := meta.Sequence.Stream
			if seq != next {
				return fmt.Errorf("the body's journal skipped from entry %d to %d", next, seq)
			}
			if err := fn(seq, m.Data()); err != nil {
				return err
			}
			next++
			got++
		}
		if err := batch.Error(); err != nil {
			if got == 0 && errors.Is(err, nats.ErrNoResponders) && unanswered < unansweredTries {
				// Just after a cluster lost a server, the consumer's new
				// leader may not answer yet: that passes within moments.
				unanswered++
				if err := sleep(ctx, 100*time.Millisecond); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("reading the body's journal at entry %d: %w", next, err)
		}
		if got == 0 {
			return fmt.Errorf("reading the body's journal: no entry came from %d within 5 s (the head is %d)", next, head)
		}
	}
	return nil
}

// unansweredTries bounds how often Read asks its consumer again while
// nobody answers (a cluster electing the consumer's leader).
const unansweredTries = 30

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
