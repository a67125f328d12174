package bodylog

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// Get reads the one entry at sequence seq (a direct read: no consumer),
// for a desk that is one or a few entries behind.
func (l *Log) Get(ctx context.Context, seq uint64) ([]byte, error) {
	st, err := l.bound(ctx)
	if err != nil {
		return nil, err
	}
	m, err := st.GetMsg(ctx, seq)
	if err != nil {
		return nil, fmt.Errorf("reading entry %d of the body's journal: %w", seq, err)
	}
	return m.Data, nil
}

// Notify calls fn, on a goroutine of the connection, each time an entry
// is stored in the journal from now on: a wake-up to read it, no more. It
// listens through an ordered consumer, which the server delivers to only
// once an entry is stored (a plain subscription to the subject would
// wake the desk before the entry is readable, and for appends the stream
// refused), and which re-creates itself after a lost connection. The
// returned stop ends it.
func (l *Log) Notify(ctx context.Context, fn func()) (stop func(), err error) {
	st, err := l.bound(ctx)
	if err != nil {
		return nil, err
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy})
	if err != nil {
		return nil, fmt.Errorf("listening to the body's journal: %w", err)
	}
	cc, err := cons.Consume(func(jetstream.Msg) { fn() })
	if err != nil {
		return nil, fmt.Errorf("listening to the body's journal: %w", err)
	}
	return cc.Stop, nil
}

// Connected reports whether the connection to the office is up now.
func (l *Log) Connected() bool { return l.nc.IsConnected() }

// URL is the office's address as the desk was given it.
func (l *Log) URL() string { return l.url }
