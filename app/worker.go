package app

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
)

// worker runs slow work off the UI goroutine. It is the one place where
// results come back to the UI goroutine (through fyne.Do).
type worker struct {
	ctx context.Context
	wg  sync.WaitGroup

	// hold (set by tests before any work starts) keeps results for drain
	// instead of handing them to fyne.Do: Fyne's test driver runs
	// fyne.Do's function at once on the calling goroutine, so results
	// would update widgets while the test goroutine does too.
	hold bool
	mu   sync.Mutex
	held []func()
}

func newWorker(ctx context.Context) *worker { return &worker{ctx: ctx} }

// Go runs work on its own goroutine. work must not touch widgets; it
// returns a function (or nil) that is then run on the UI goroutine to
// show the result, unless the worker's context has been cancelled by then.
func (w *worker) Go(work func(ctx context.Context) func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		apply := work(w.ctx)
		if apply == nil || w.ctx.Err() != nil {
			return
		}
		if w.hold {
			w.mu.Lock()
			w.held = append(w.held, apply)
			w.mu.Unlock()
			return
		}
		fyne.Do(func() {
			if w.ctx.Err() == nil {
				apply()
			}
		})
	}()
}

// wait blocks until every piece of work started with Go has returned.
// Call it after cancelling the context and never from the UI goroutine
// while Fyne still runs.
func (w *worker) wait() { w.wg.Wait() }

// drain (tests, with hold set) waits for the work in flight and runs the
// results on the calling goroutine, in the order the work finished, until
// no work is left: the calling goroutine plays the UI goroutine.
func (w *worker) drain() {
	for {
		w.wg.Wait()
		w.mu.Lock()
		held := w.held
		w.held = nil
		w.mu.Unlock()
		if len(held) == 0 {
			return
		}
		for _, apply := range held {
			if w.ctx.Err() == nil {
				apply()
			}
		}
	}
}

// ui runs fn on the UI goroutine (through fyne.Do; in tests, held for
// drain like any result). For progress from inside long work.
func (w *worker) ui(fn func()) {
	if w.hold {
		w.mu.Lock()
		w.held = append(w.held, fn)
		w.mu.Unlock()
		return
	}
	fyne.Do(fn)
}
