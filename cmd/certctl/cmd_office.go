package main

import (
	"os/signal"
	"syscall"

	"certdesk/storage/office"
)

// The body's office (docs/sync.md). For now it serves the journal stream
// on loopback only: TLS, desk enrolment and snapshots come with the rest
// of the shared body, and no desk syncs through it yet.

type officeCmd struct {
	Serve officeServeCmd `cmd:"" help:"run the body's office: an embedded NATS JetStream server keeping the body's journal on disk (loopback only for now; docs/sync.md)"`
}

type officeServeCmd struct {
	Dir  string `required:"" placeholder:"DIR" help:"the office's own folder for the journal stream (not a desk's data folder)"`
	Port int    `placeholder:"N" help:"the port on 127.0.0.1 (default: a free one, printed)"`
}

func (officeServeCmd) Help() string {
	return "Every entry is on disk before the office acknowledges it (JetStream's sync_interval: always). It runs until Ctrl+C or SIGTERM; --json prints {\"url\", \"dir\"} once it takes connections."
}

func (c *officeServeCmd) Run(e *env) error {
	o, err := office.Start(office.Options{Dir: c.Dir, Port: c.Port})
	if err != nil {
		return err
	}
	defer o.Close()
	if e.json {
		if err := e.writeJSON(map[string]string{"url": o.URL(), "dir": c.Dir}); err != nil {
			return err
		}
	} else {
		e.printf("The office serves the body's journal at %s (folder %s). Stop it with Ctrl+C.\n", o.URL(), c.Dir)
	}
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
