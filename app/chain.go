package app

// chain runs a workspace's loads one at a time. Each load reads what the
// workspace needs when it starts; a request made while a load is in
// flight starts another once that one has been shown. So results never
// overlap (the test driver shows them on worker goroutines) and the
// latest state wins.
type chain struct{ busy, again bool }

// start runs run now, or after the load in flight; run must call done on
// the UI goroutine once its result is shown (or failed).
func (c *chain) start(run func(done func())) {
	if c.busy {
		c.again = true
		return
	}
	c.busy = true
	run(func() {
		c.busy = false
		if c.again {
			c.again = false
			c.start(run)
		}
	})
}
