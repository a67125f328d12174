// Command certctl is CertDesk's command line: it runs the same commands
// as the desktop app on the same data folder, for scripts, imports and
// walk-throughs. See docs/cli.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
)

func main() {
	crashAborts()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// crashAborts makes a Go runtime crash (an unrecovered panic in any
// goroutine, a fatal error) end the process with SIGABRT, status 134 in a
// shell, instead of exit status 2: 2 is certctl's "usage or input
// error", and a script must never take a crash for a refused input.
func crashAborts() { debug.SetTraceback("crash") }
