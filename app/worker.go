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
