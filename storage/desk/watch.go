package desk

import (
	"context"
	"time"
)

// pollEvery is how often a watching desk looks at the journal's head
// when no wake-up came (one missed while disconnected, say).
const pollEvery = 2 * time.Second

// Watch keeps the desk in step with the body in the background: it
// catches up whenever another desk appends (and every pollEvery, and
// once at the start), and calls applied with how many entries it
// applied (on its own goroutine) when that is more than none, with the
// error that stopped a catch-up, and on the first catch-up that succeeds
// after one failed (so that the failure is known to be over).
// StopWatching (or Close) ends it.
func (d *Desk) Watch(applied func(n int, err error)) error {
	d.watch.Lock()
	defer d.watch.Unlock()
	if d.watch.stop != nil {
		return nil
	}
	wake := make(chan struct{}, 1)
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	unsubscribe, err := d.log.Notify(ctx, poke)
	if err != nil {
		cancel()
		return err
	}
	done := make(chan struct{})
	d.watch.stop, d.watch.done = func() { unsubscribe(); cancel() }, done
	poke()
	go func() {
		defer close(done)
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		failed := false
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			case <-tick.C:
			}
			n, err := d.Sync(ctx)
			if ctx.Err() != nil {
				return
			}
			if n > 0 || err != nil || failed {
				applied(n, err)
			}
			failed = err != nil
		}
	}()
	return nil
}

// StopWatching ends Watch and waits for its goroutine.
func (d *Desk) StopWatching() {
	d.watch.Lock()
	stop, done := d.watch.stop, d.watch.done
	d.watch.stop, d.watch.done = nil, nil
	d.watch.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}
