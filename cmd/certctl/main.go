// Command certctl is CertDesk's command line: it runs the same commands
// as the desktop app on the same data folder, for scripts, imports and
// walk-throughs. See docs/cli.md.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
