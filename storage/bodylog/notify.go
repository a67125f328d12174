package bodylog

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"
)

// Get reads the one entry at sequence seq (a direct read: no consumer),
// for a desk that is one or a few entries behind.
func (l *Log) Get(ctx context.Context, seq uint64) ([]byte, error) {
	m, err := l.stream.GetMsg(ctx, seq)
	if err != nil {
		return nil, fmt.Errorf("reading entry %d of the body's journal: %w", seq, err)
	}
	return m.Data, nil
}

// Notify calls fn, on a goroutine of the connection, each time a desk
// publishes to the journal's subject: a wake-up to read the journal,
// no more (an append the stream refused also wakes it, and a desk
// that was disconnected misses those published meanwhile, so it also
// reads when it reconnects). The returned stop ends it.
func (l *Log) Notify(fn func()) (stop func(), err error) {
	sub, err := l.nc.Subscribe(Subject, func(*nats.Msg) { fn() })
	if err != nil {
		return nil, fmt.Errorf("listening to the body's journal: %w", err)
	}
	return func() { _ = sub.Unsubscribe() }, nil
}

// Connected reports whether the connection to the office is up now.
func (l *Log) Connected() bool { return l.nc.IsConnected() }

// URL is the office the log is connected to (or was last).
func (l *Log) URL() string {
	if u := l.nc.ConnectedUrlRedacted(); u != "" {
		return u
	}
	return l.nc.Opts.Url
}
